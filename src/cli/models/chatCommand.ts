import fs from "node:fs";
import type { Command } from "commander";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { globalOptions } from "../globalOptions.js";
import { runData, runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { output, withEngine } from "../withEngine.js";
import { terminalSafe } from "../terminalSafe.js";

interface ChatOptions {
  model: string;
  system?: string;
  jsonSchema?: string;
  maxTokens?: string;
  temperature?: string;
  seed?: string;
}

/** `codeconductor chat --model ID [--json-schema FILE] "prompt"`: streams the answer, then TTFT and tok/s. */
export function registerChatCommand(program: Command): void {
  program
    .command("chat")
    .description("chat with one model: streams the answer, then prints TTFT and tokens/s (Ctrl+C cancels)")
    .requiredOption("-m, --model <id>", "model id from `codeconductor models`")
    .option("-s, --system <text>", "system prompt")
    .option("--json-schema <file>", "JSON schema file the answer must follow")
    .option("--max-tokens <n>", "answer length limit in tokens")
    .option("--temperature <t>", "sampling temperature 0–2")
    .option("--seed <n>", "sampling seed")
    .argument("<prompt...>", "what to ask")
    .action(async (words: string[], opts: ChatOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      const input = {
        modelId: opts.model,
        prompt: words.join(" "),
        ...(opts.system ? { system: opts.system } : {}),
        ...(opts.jsonSchema ? { jsonSchema: readSchema(opts.jsonSchema) } : {}),
        sampling: {
          ...(opts.maxTokens ? { maxTokens: int(opts.maxTokens, "--max-tokens") } : {}),
          ...(opts.temperature ? { temperature: Number(opts.temperature) } : {}),
          ...(opts.seed ? { seed: int(opts.seed, "--seed") } : {}),
        },
      };
      await withEngine(g, async (client, _engine, signal) => {
        const result = await runToCompletion(client, "models.chat", input, {
          signal,
          onEvent: (e) => {
            const token = runData("models.chat", "token", e);
            if (!g.json && token) process.stdout.write(terminalSafe(token.text));
          },
        });
        if (g.json) return output(g, result, () => "");
        const m = result.metrics;
        const stats = [`TTFT ${m.ttftMs === null ? "–" : `${Math.round(m.ttftMs)} ms`}`, `${m.tokensPerSecond === null ? "–" : m.tokensPerSecond.toFixed(1)} tok/s`, `${m.completionTokens ?? "?"} tokens`, `finish: ${result.finishReason}`];
        process.stdout.write(terminalSafe("\n"));
        process.stderr.write(terminalSafe(`\n[${stats.join(" · ")}]${result.truncated ? " (truncated)" : ""}\n`));
      });
    });
}

function int(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new AppError(ErrorCode.InvalidInput, `${flag} wants a whole number, got "${v}"`);
  return n;
}

function readSchema(file: string): Record<string, unknown> {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not a JSON object");
    return v as Record<string, unknown>;
  } catch (err) {
    throw new AppError(ErrorCode.InvalidInput, `--json-schema ${file}: ${(err as Error).message}`);
  }
}
