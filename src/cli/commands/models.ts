import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { registerBuildCommand } from "../models/buildCommand.js";
import { registerChatCommand } from "../models/chatCommand.js";
import { formatModelTable } from "../models/formatModelTable.js";
import { registerPullCommand } from "../models/pullCommand.js";
import { output, withEngine } from "../withEngine.js";

/** CLI of the models capability: `models` (list), `models pull`, `models build`, `chat`. */
export function registerModelsCommands(program: Command): void {
  const models = program
    .command("models")
    .description("list models across backends (embedded GGUF, Ollama, OpenAI-compatible) with size, quant, context, status, latency")
    .option("--no-probe", "skip the health probes (list only)")
    .action(async (opts: { probe: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const list = await client.call("models.refresh", {}, { signal });
        const backends = opts.probe ? (await client.call("models.health", { probe: true }, { signal })).backends : list.backends;
        const value = { ...list, backends };
        output(g, value, () => formatModelTable(list.models, backends));
      });
    });
  registerPullCommand(models);
  registerBuildCommand(models);
  registerChatCommand(program);
}
