import cliProgress from "cli-progress";
import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { output, withEngine } from "../withEngine.js";
import { terminalSafe } from "../terminalSafe.js";

/** `codeconductor models pull <hf:user/repo:quant | https URL>`: resumable, verified download with a progress bar. */
export function registerPullCommand(models: Command): void {
  models
    .command("pull")
    .description("download a GGUF (hf:user/repo:QUANT, hf:user/repo/file.gguf or an https URL); resumable, verified")
    .argument("<source>")
    .option("--dir <folder>", "where to put it (default: first models.dirs entry, else <data-dir>/models)")
    .option("--sha256 <hex>", "expected sha256 of the file")
    .action(async (source: string, opts: { dir?: string; sha256?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const bar = !g.json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: " {bar} {percentage}% | {msg}", stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
      bar?.start(1000, 0, { msg: "starting" });
      let lastLine = -1;
      try {
        await withEngine(g, async (client, _engine, signal) => {
          const result = await runToCompletion(client, "models.pull", { source, ...(opts.dir ? { dir: opts.dir } : {}), ...(opts.sha256 ? { sha256: opts.sha256 } : {}) }, {
            signal,
            onEvent: (e) => {
              if (e.type !== "progress" || g.json) return;
              if (bar) return bar.update(Math.round(e.fraction * 1000), { msg: e.message ?? "" });
              const tenth = Math.floor(e.fraction * 10);
              if (tenth !== lastLine) process.stderr.write(terminalSafe(`${(lastLine = tenth) * 10}% ${e.message ?? ""}\n`));
            },
          });
          bar?.stop();
          const r = result;
          output(g, r, () => `Saved ${r.path} (${r.bytes} bytes, sha256 ${r.sha256})${r.resumedFrom ? `, resumed from byte ${r.resumedFrom}` : ""}`);
        });
      } finally {
        bar?.stop();
      }
    });
}
