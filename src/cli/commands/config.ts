import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { output, withEngine } from "../withEngine.js";

export function registerConfigCommand(program: Command): void {
  program
    .command("config")
    .description("print each effective setting and where it came from (default / file / env)")
    .action(async (_opts, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client) => {
        const r = await client.call("config.explain", {});
        output(g, r, () => {
          const w = Math.max(...r.entries.map((e) => e.key.length));
          const lines = r.entries.map(
            (e) => `${e.key.padEnd(w)}  ${JSON.stringify(e.value)}  [${e.source}${e.origin && e.source === "env" ? `: ${e.origin}` : ""}]`,
          );
          return [`config file: ${r.file}`, ...lines, ...r.problems.map((p) => `problem: ${p}`)].join("\n");
        });
      });
    });
}
