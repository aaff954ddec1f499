import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("web mode: serve the app's UI on 127.0.0.1 (token-protected)")
    .option("--port <n>", "port (0 = any free one)", (v) => Number(v))
    .option("--open", "open the URL in the default browser")
    .option("--metrics", "serve Prometheus metrics at /metrics (loopback only; or config insight.metrics.enabled)")
    .action(async (opts: { port?: number; open?: boolean; metrics?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const { runServe } = await import("../../server/runServe.js");
      await runServe({ ...g, ...opts });
    });
}
