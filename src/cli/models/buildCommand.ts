import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { output, withEngine } from "../withEngine.js";

const GPUS = ["auto", "cpu", "cuda", "vulkan"] as const;

/** `codeconductor models build [--gpu auto|cpu|cuda|vulkan] [--force]`: compile llama.cpp for this machine. */
export function registerBuildCommand(models: Command): void {
  models
    .command("build")
    .description("compile node-llama-cpp's bundled llama.cpp for this machine (native CPU flags, OpenMP; CUDA/Vulkan if installed); used automatically once built")
    .option("--gpu <backend>", `auto | cpu | cuda | vulkan (default auto)`, "auto")
    .option("--force", "rebuild even if a build of the same llama.cpp sources is cached")
    .action(async (opts: { gpu: string; force?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (!(GPUS as readonly string[]).includes(opts.gpu)) cmd.error(`--gpu must be one of ${GPUS.join(", ")}`);
      let last = "";
      await withEngine(g, async (client, _engine, signal) => {
        const result = await runToCompletion(client, "models.build", { gpu: opts.gpu as (typeof GPUS)[number], ...(opts.force ? { force: true } : {}) }, {
          signal,
          onEvent: (e) => {
            if (g.json) return;
            if (e.type === "log" && e.level !== "debug") process.stderr.write(`${e.message}\n`);
            if (e.type !== "progress") return;
            // One line per 5 % (a build prints hundreds of steps), plus every change of phase.
            const line = `${Math.floor(e.fraction * 20) * 5}% ${(e.message ?? "").replace(/\d+\/\d+$/, "")}`;
            if (line !== last) process.stderr.write(`${(last = line)}\n`);
          },
        });
        const r = result;
        output(g, r, () => `${r.built ? `Built ${r.folder} in ${r.seconds} s` : `Already built: ${r.folder}`} (log: ${r.logFile}).\nEmbedded inference now uses: ${r.binary}`);
      });
    });
}
