import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { output, withEngine } from "../withEngine.js";

const mark = { ok: "✔", warn: "!", fail: "✘", skip: "-" } as const;

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("check the machine and the installation; prints a fix for each problem")
    .action(async (_opts, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("system.doctor", {}, { signal });
        output(g, r, () =>
          r.checks
            .map((c) => `${mark[c.status]} ${c.title}: ${c.detail}${c.fix && c.status !== "ok" ? `\n    fix: ${c.fix}` : ""}`)
            .join("\n"),
        );
        if (r.checks.some((c) => c.status === "fail")) process.exitCode = 1;
      });
    });
}
