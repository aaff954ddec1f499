import { performance } from "node:perf_hooks";
import type { Command } from "commander";
import { AppError } from "../../shared/contract/errors.js";
import type { DoctorCheck } from "../../shared/contract/system.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import type { RpcClient } from "../../shared/rpc/index.js";
import { globalOptions } from "../globalOptions.js";
import { output, withEngine } from "../withEngine.js";

const mark = { ok: "✔", warn: "!", fail: "✘", skip: "-" } as const;
const format = (checks: DoctorCheck[]): string =>
  checks.map((c) => `${mark[c.status]} ${c.title}: ${c.detail}${c.fix && c.status !== "ok" ? `\n    fix: ${c.fix}` : ""}`).join("\n");

/** `doctor --real`: load a real model, then one generation: load time, TTFT, tokens/s. */
async function realModelProfile(client: RpcClient, modelId: string, tokens: number, signal: AbortSignal): Promise<{ checks: DoctorCheck[]; loadMs: number | null; ttftMs: number | null; tokensPerSecond: number | null }> {
  const checks: DoctorCheck[] = [];
  let loadMs: number | null = null;
  const t0 = performance.now();
  try {
    await client.call("models.load", { modelId }, { signal });
    loadMs = Math.round(performance.now() - t0);
    checks.push({ id: "real.load", title: "Model load", status: "ok", detail: `${modelId} in ${loadMs} ms` });
  } catch (e) {
    // HTTP backends (Ollama, LM Studio) load on first use: the generation below measures them.
    checks.push({ id: "real.load", title: "Model load", status: "skip", detail: `${(e as Error).message} (the backend loads it on first use)` });
  }
  try {
    const r = await runToCompletion(client, "models.chat", { modelId, prompt: "Write a short Python function that adds two numbers.", sampling: { maxTokens: tokens, temperature: 0 } }, { signal });
    const m = r.metrics;
    checks.push({ id: "real.ttft", title: "Time to first token", status: m.ttftMs === null ? "warn" : "ok", detail: m.ttftMs === null ? "no token arrived" : `${Math.round(m.ttftMs)} ms` });
    checks.push({ id: "real.speed", title: "Generation speed", status: m.tokensPerSecond === null ? "warn" : "ok", detail: m.tokensPerSecond === null ? "not measured" : `${m.tokensPerSecond.toFixed(1)} tok/s over ${m.completionTokens ?? "?"} tokens` });
    return { checks, loadMs, ttftMs: m.ttftMs, tokensPerSecond: m.tokensPerSecond };
  } catch (e) {
    checks.push({ id: "real.generate", title: "Generation", status: "fail", detail: (e as AppError).message, fix: "Check `codeconductor models list` for the id, and `codeconductor doctor` for the backend." });
    return { checks, loadMs, ttftMs: null, tokensPerSecond: null };
  }
}

export function registerDoctorCommand(program: Command): void {
  const doctor = program
    .command("doctor")
    .description("check the machine and the installation; prints a fix for each problem")
    .option("--real", "also profile a real model: load time, TTFT, tokens/s (needs --model)")
    .option("--model <id>", "model for --real")
    .option("--tokens <n>", "tokens to generate for --real (default 64)", Number)
    .action(async (opts: { real?: boolean; model?: string; tokens?: number }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (opts.real && !opts.model) {
        process.stderr.write("doctor --real needs --model ID (see `codeconductor models list`)\n");
        process.exitCode = 2;
        return;
      }
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("system.doctor", {}, { signal });
        const real = opts.real ? await realModelProfile(client, opts.model!, opts.tokens ?? 64, signal) : null;
        const checks = [...r.checks, ...(real?.checks ?? [])];
        output(g, real ? { checks, real: { modelId: opts.model, loadMs: real.loadMs, ttftMs: real.ttftMs, tokensPerSecond: real.tokensPerSecond } } : r, () => format(checks));
        if (checks.some((c) => c.status === "fail")) process.exitCode = 1;
      });
    });

  doctor
    .command("cursor")
    .description("the Cursor workflow: cursor-agent on PATH and its version, the project's rule files, clipboard watching and hotkeys")
    .option("--project <dir>", "project folder whose rule files to check (default: the current folder)")
    .action(async (opts: { project?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("insight.doctorCursor", { project: opts.project }, { signal });
        output(g, r, () => format(r.checks));
        if (r.checks.some((c) => c.status === "fail")) process.exitCode = 1;
      });
    });
}
