import path from "node:path";
import readline from "node:readline/promises";
import { InvalidArgumentError, type Command } from "commander";
import { GeneratorKind, type LoopRunInput, type LoopRunResult } from "../../shared/contract/conductor.js";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunEvent } from "../../shared/contract/runs.js";
import type { RpcClient } from "../../shared/rpc/RpcClient.js";
import { followRun, runData } from "../../shared/rpc/runToCompletion.js";
import { globalOptions } from "../globalOptions.js";
import { terminalSafe } from "../terminalSafe.js";
import { withEngine, type GlobalOptions } from "../withEngine.js";

export interface LoopCliOptions {
  prompt: string;
  project?: string;
  generator: string;
  command?: string;
  maxIterations?: number;
  autoApprove?: boolean;
  models?: string[];
  testCommand?: string;
  skipAnalysis?: boolean;
}

/** Exit codes of a loop: 0 only when the tests went green, 1 not green, 130 stopped or cancelled. */
function exitCodeOf(r: LoopRunResult | undefined, cancelled: boolean): number {
  if (cancelled || r?.outcome === "stopped" || r?.outcome === "abandoned") return 130;
  return r?.outcome === "green" ? 0 : 1;
}

/** `run --generator …`: the conductor loop from the terminal. */
export async function runLoopFromCli(opts: LoopCliOptions, g: GlobalOptions): Promise<void> {
  const generator = GeneratorKind.safeParse(opts.generator);
  if (!generator.success) throw new InvalidArgumentError(`--generator must be one of ${GeneratorKind.options.join(", ")}`);
  if (generator.data === "command" && !opts.command) throw new InvalidArgumentError("--generator command needs --command \"…\" (or conductor.command in config.yaml)");
  const input: LoopRunInput = {
    task: opts.prompt,
    project: path.resolve(opts.project ?? "."),
    generator: generator.data,
    ...(opts.command ? { command: opts.command } : {}),
    ...(opts.maxIterations ? { maxIterations: opts.maxIterations } : {}),
    ...(opts.autoApprove ? { autoApprove: true } : {}),
    ...(opts.models ? { models: opts.models } : {}),
    ...(opts.testCommand ? { testCommand: opts.testCommand } : {}),
    ...(opts.skipAnalysis ? { skipAnalysis: true } : {}),
  };
  await followLoop(g, (client) => client.call("runs.start", { kind: "conductor.loop", input }).then((r) => r.runId), !!opts.autoApprove);
}

async function followLoop(g: GlobalOptions, begin: (client: RpcClient) => Promise<string>, autoApprove: boolean): Promise<void> {
  await withEngine(g, async (client, _engine, signal) => {
    let result: LoopRunResult | undefined;
    let runId = "";
    let error: AppError | undefined;
    const ask = !autoApprove && process.stdin.isTTY === true;
    const report = reporter();
    try {
      result = await followRun(client, "conductor.loop", () => begin(client), {
        signal,
        onStart: (id) => (runId = id),
        onEvent: (e) => {
          report(e);
          if (runData("conductor.loop", "stage", e)?.stage !== "approve") return;
          if (ask) void askApproval(client, e.runId);
          else void approvalHint(client);
        },
      });
    } catch (e) {
      error = e instanceof AppError ? e : new AppError(ErrorCode.Internal, (e as Error).message);
    }
    const cancelled = signal.aborted || error?.code === ErrorCode.Cancelled;
    if (g.json) {
      const attempts = result?.attempts ?? (await client.call("conductor.attempts", { runId })).attempts.reverse().map((a) => ({ iteration: a.iteration, reward: a.reward?.reward ?? null, passed: a.tests?.passed ?? 0, failed: (a.tests?.failed ?? 0) + (a.tests?.errors ?? 0), files: a.files.map((f) => f.path) }));
      const status = result?.outcome ?? (cancelled ? "cancelled" : "failed");
      process.stdout.write(`${JSON.stringify({ runId, status, iterations: attempts.length, reward: result?.reward ?? attempts.at(-1)?.reward ?? null, attempts, ...(error ? { error: error.toWire() } : {}) }, null, 2)}\n`);
    } else if (result) {
      process.stderr.write(`\n${result.outcome === "green" ? "✔" : "✘"} ${result.message}\n`);
    } else if (error) {
      process.stderr.write(`\n✘ ${cancelled ? "stopped" : `error (${error.code})`}: ${error.message}\n`);
    }
    process.exitCode = exitCodeOf(result, cancelled);
  });
}

/** Lines of each file's diff shown before approval; the app shows all of it. */
const DIFF_LINES = 80;

/**
 * Live progress on stderr: stages, what the loop waits for, each candidate's diff, test summaries. Everything
 * passes `terminalSafe`: paths and diffs come from model or clipboard text.
 */
function reporter(): (e: RunEvent) => void {
  let lastWaiting = "";
  const w = (s: string): boolean => process.stderr.write(terminalSafe(`${s}\n`));
  return (e) => {
    const stage = runData("conductor.loop", "stage", e);
    if (stage) return void w(`[${stage.iteration || "-"}] ${stage.stage.replace("_", " ")}${stage.message ? `: ${stage.message}` : ""}`);
    const waiting = runData("conductor.loop", "awaiting", e);
    // The watcher reports its mode when armed and again on every change of mode: say it once.
    if (waiting) return void (waiting.hint !== lastWaiting && w(`    waiting: ${(lastWaiting = waiting.hint)}`));
    const ignored = runData("conductor.loop", "ignored", e);
    if (ignored) return void w(`    ignored clipboard content: ${ignored.reason}`);
    const cand = runData("conductor.loop", "candidate", e);
    if (cand) {
      lastWaiting = "";
      w(`    code detected (${cand.source}): ${cand.plan.files.map((f) => `${f.path} [${f.action}${f.status === "ok" ? "" : `, ${f.status}`}]`).join(", ")}`);
      for (const f of cand.plan.files) if (f.diff) w(indentDiff(f.diff));
      return;
    }
    const tests = runData("conductor.loop", "tests", e);
    if (tests) return void w(`    tests (${tests.runner}): ${tests.summary.passed} passed, ${tests.summary.failed + tests.summary.errors} failed — reward ${tests.reward.reward.toFixed(2)}`);
    if (e.type === "log" && (e.level === "warn" || e.level === "error")) w(`    ${e.level}: ${e.message}`);
  };
}

function indentDiff(diff: string): string {
  const lines = diff.replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, DIFF_LINES).map((l) => `      ${l}`);
  if (lines.length > DIFF_LINES) shown.push(`      … ${lines.length - DIFF_LINES} more lines (the app's Workflow view shows the whole diff)`);
  return shown.join("\n");
}

/** Without a terminal to ask on, say how else the answer can be approved. */
async function approvalHint(client: RpcClient): Promise<void> {
  const status = await client.call("conductor.status", {}).catch(() => undefined);
  const key = status?.hotkeys.registered.find((h) => h.id === "approve")?.accelerator;
  // Approval is in-process (the loop's session lives in this CLI's engine): the app cannot approve it.
  const how = key ? `press ${key} (the approve hotkey)` : "no approve hotkey is registered here";
  process.stderr.write(terminalSafe(`    to apply these files: ${how}; stdin is not a terminal, so this command cannot ask (run it in a terminal, or with --auto-approve)\n`));
}

async function askApproval(client: RpcClient, runId: string): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question("    Apply these files? [y/N] ")).trim().toLowerCase();
    if (answer === "y" || answer === "yes") await client.call("conductor.approve", { runId, by: "terminal" });
    else await client.call("conductor.reject", { runId, reason: "rejected on the terminal" });
  } catch {
    // Approved meanwhile by a hotkey or the run ended: nothing to answer.
  } finally {
    rl.close();
  }
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return n;
};
export { positiveInt as loopPositiveInt };

/** `runs`, `resume`, `stop`: the loop's run log and emergency stop. */
export function registerLoopCommands(program: Command): void {
  program
    .command("runs")
    .description("recent runs (status running, succeeded, failed, cancelled or interrupted)")
    .option("--limit <n>", "how many", positiveInt)
    .action(async (opts: { limit?: number }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client) => {
        const { runs } = await client.call("runs.list", { limit: opts.limit ?? 20 });
        const rows = runs.map((r) => ({ id: r.runId, kind: r.kind, status: r.status, title: r.title ?? "", startedAt: r.startedAt, endedAt: r.endedAt ?? null }));
        if (g.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else process.stdout.write(`${rows.map((r) => `${r.id}  ${r.status.padEnd(11)} ${r.kind.padEnd(16)} ${new Date(r.startedAt).toISOString().slice(0, 19)}  ${r.title}`).join("\n") || "no runs yet"}\n`);
      });
    });
  program
    .command("resume")
    .description("continue an interrupted loop from its last safe state, with its original settings")
    .argument("<runId>", "the interrupted run (see `codeconductor runs`)")
    .option("--auto-approve", "apply without asking")
    .action(async (runId: string, opts: { autoApprove?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await followLoop(g, (client) => client.call("conductor.resume", { runId, ...(opts.autoApprove ? { autoApprove: true } : {}) }).then((r) => r.runId), !!opts.autoApprove);
    });
  program
    .command("stop")
    .description("emergency stop: every active run, also those of other CodeConductor processes on this data folder")
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client) => {
        const r = await client.call("conductor.stopAll", {});
        process.stdout.write(g.json ? `${JSON.stringify(r)}\n` : `stopped ${r.cancelled} run(s)\n`);
      });
    });
}
