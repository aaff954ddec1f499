import fs from "node:fs";
import path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import type { CodeConsensus, EnsembleRunInput, EnsembleRunResult, MemberResult } from "../../shared/contract/ensemble.js";
import type { RunEvent } from "../../shared/contract/runs.js";
import { globalOptions } from "../globalOptions.js";
import { runData, runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { output, withEngine, type GlobalOptions } from "../withEngine.js";
import { loopPositiveInt, runLoopFromCli, type LoopCliOptions } from "./loop.js";
import { terminalSafe } from "../terminalSafe.js";

interface RunOptions {
  prompt: string;
  personas?: string;
  agents?: string[];
  rounds?: number;
  timeoutPerTurn?: number;
  project?: string;
  models?: string[];
  samples?: number;
  quorum?: number;
  timeout?: number;
  mode?: "analysis" | "code";
  language?: string;
  budget?: number;
  copy?: boolean;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
};
const seconds = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected seconds > 0");
  return n;
};
const commaList = (v: string): string[] => v.split(",").map((s) => s.trim()).filter(Boolean);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const oneLine = (s: string, n = 100): string => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** The run input from the command line; a debate when any debate option is given. */
function toInput(o: RunOptions): EnsembleRunInput {
  const debate = o.personas || o.agents || o.rounds || o.timeoutPerTurn;
  return {
    prompt: o.prompt,
    ...(o.mode ? { mode: o.mode } : {}),
    ...(o.models ? { models: o.models } : {}),
    ...(o.samples ? { samplesPerModel: o.samples } : {}),
    ...(o.quorum !== undefined ? { quorum: o.quorum } : {}),
    ...(o.timeout ? { memberTimeoutSec: o.timeout } : {}),
    ...(o.language ? { language: o.language } : {}),
    ...(o.project ? { projectDir: path.resolve(o.project) } : {}),
    ...(o.budget ? { promptTokenBudget: o.budget } : {}),
    ...(o.copy ? { copy: true } : {}),
    ...(debate
      ? {
          debate: {
            ...(o.personas ? { personasFile: path.resolve(o.personas) } : {}),
            ...(o.agents ? { agents: o.agents } : {}),
            ...(o.rounds ? { rounds: o.rounds } : {}),
            ...(o.timeoutPerTurn ? { timeoutPerTurnSec: o.timeoutPerTurn } : {}),
          },
        }
      : {}),
  };
}

/** Live progress on stderr, so stdout stays the result (and valid JSON with --json). */
function liveReporter(): (e: RunEvent) => void {
  const labels = new Map<string, string>();
  return (e) => {
    if (e.type === "log" && e.level !== "debug") process.stderr.write(terminalSafe(`  ${e.level === "info" ? "·" : "!"} ${e.message}\n`));
    const ms = runData("ensemble.run", "members", e)?.members;
    const t = runData("ensemble.run", "turn", e);
    const m = runData("ensemble.run", "member", e);
    if (ms) {
      for (const x of ms) labels.set(x.id, x.label);
      process.stderr.write(terminalSafe(`Asking ${ms.length} members: ${ms.map((x) => x.label).join(", ")}\n`));
    } else if (t) {
      process.stderr.write(terminalSafe(`  round ${t.round}: ${t.agent} ${t.status}\n`));
    } else if (m) {
      process.stderr.write(terminalSafe(`  ${m.status === "ok" || m.status === "repaired" ? "✔" : "✘"} ${m.label}: ${m.status} (${secs(m.elapsedMs)})\n`));
    }
  };
}

function membersTable(members: MemberResult[]): string[] {
  const w = Math.max(6, ...members.map((m) => m.label.length));
  return members.map((m) => {
    const note = m.error ? `  ${oneLine(m.error.message, 80)}` : m.repairs.length ? `  repaired: ${oneLine(m.repairs.join("; "), 80)}` : "";
    return `  ${m.id.padEnd(4)}${m.label.padEnd(w + 2)}${m.status.padEnd(10)}${secs(m.elapsedMs).padStart(8)}${note}`;
  });
}

function codeTable(code: CodeConsensus): string[] {
  const w = Math.max(6, ...code.labels.map((l) => l.length));
  const head = `  ${"".padEnd(w + 2)}${code.labels.map((l) => l.slice(0, 8).padStart(9)).join("")}   mean`;
  const rows = code.matrix.map(
    (row, i) => `  ${code.labels[i]!.padEnd(w + 2)}${row.map((v) => v.toFixed(3).padStart(9)).join("")}  ${code.meanScores[i]!.toFixed(3)}${i === code.winner ? "  ← medoid" : ""}`,
  );
  return [`CodeBLEU (${code.language ?? "generic"}; parts: ${code.used.join(", ")}):`, head, ...rows];
}

function humanReport(r: EnsembleRunResult): string {
  const c = r.consensus;
  const out = [`Members (${r.members.length}${r.quorumReached ? ", quorum reached" : ""}):`, ...membersTable(r.members), ""];
  if (r.debate) {
    out.push(`Debate (${r.debate.rounds} rounds: ${r.debate.agents.join(", ")}):`);
    for (const t of r.debate.turns) out.push(`  [${t.round}] ${t.agent}${t.status === "ok" ? "" : ` (${t.status})`}: ${oneLine(t.content || t.error || "", 110)}`);
    out.push("");
  }
  out.push(`Consensus: ${c.mode}, confidence ${c.confidence.toFixed(2)} (sources: ${c.sources.join(", ") || "none"})${c.note ? `\n  ${c.note}` : ""}`);
  for (const f of c.fields) {
    const v = Array.isArray(f.merged) ? f.merged.map((x) => (typeof x === "string" ? x : (x as { path: string }).path)).join("; ") : String(f.merged);
    out.push(`  ${f.field.padEnd(13)}${f.agreement.toFixed(2).padStart(5)}  ${oneLine(v || "—", 90)}`);
  }
  if (c.disagreements.length) {
    out.push("Disagreements:");
    for (const d of c.disagreements) out.push(`  - ${d.field}: ${d.members.join(", ")} ${d.kind === "differs" ? "said" : d.kind === "only" ? "suggested" : "left out"} "${oneLine(d.value, 80)}"`);
  }
  if (r.code) out.push("", ...codeTable(r.code));
  const p = r.prompt;
  const cut = p.cut.length ? `; cut: ${p.cut.map((x) => `${x.section} ${x.kept} −${x.tokensRemoved}`).join(", ")}` : "";
  out.push("", `Prompt (${p.template}, ${p.tokens}/${p.budget} tokens by ${p.tokenizer}${cut}${p.overBudget ? "; OVER BUDGET" : ""}${p.copied ? "; copied" : ""}):`);
  out.push("-".repeat(60), p.text.trimEnd(), "-".repeat(60));
  return out.join("\n");
}

function registerRun(program: Command): void {
  program
    .command("run")
    .description("ask the local model ensemble (optionally after a persona debate) and print consensus and a Cursor prompt")
    .argument("[task...]", "the task (or --prompt)")
    .option("-p, --prompt <text>", "the task")
    .option("--personas <file>", "personas YAML (merged over the shipped set); runs a debate")
    .option("--agents <ids>", "debating personas, comma-separated (default architect,coder,tester,reviewer)", commaList)
    .option("--rounds <n>", "debate rounds", positiveInt)
    .option("--timeout-per-turn <s>", "seconds per debate turn", seconds)
    .option("--project <dir>", "project folder: repo map, rules and test command for the prompt")
    .option("--models <ids>", "explicit members (model ids or parts of them), comma-separated", commaList)
    .option("--samples <n>", "samples per model (different seeds)", positiveInt)
    .option("--quorum <n>", "proceed once this many valid answers are in", positiveInt)
    .option("--timeout <s>", "seconds per member", seconds)
    .option("--mode <mode>", "analysis (default) or code (CodeBLEU consensus)")
    .option("--language <lang>", "language of the code in code mode")
    .option("--budget <tokens>", "prompt token budget", positiveInt)
    .option("--copy", "put the prompt on the clipboard")
    .option("--generator <kind>", "run the conductor loop until the tests pass: clipboard | watch | command | local")
    .option("--command <cmd>", "command generator: the AI CLI to run ({promptFile} is replaced by the prompt file)")
    .option("--max-iterations <n>", "loop: attempts before giving up (default 3)", loopPositiveInt)
    .option("--auto-approve", "loop: apply answers without asking")
    .option("--test-command <cmd>", "loop: test command instead of the detected runner")
    .option("--skip-analysis", "loop: build the prompt without asking the local models")
    .action(async (task: string[], given: Partial<RunOptions> & Omit<LoopCliOptions, "generator" | "prompt"> & { prompt?: string; generator?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      // `run "Fix add()"` reads as well as `run -p "Fix add()"`; both at once would be ambiguous.
      if (given.prompt && task.length) throw new InvalidArgumentError("give the task either as words or with --prompt, not both");
      const prompt = given.prompt ?? task.join(" ").trim();
      if (!prompt) throw new InvalidArgumentError('say what to do: codeconductor run "Fix add() so the tests pass" (or --prompt "…")');
      const opts = { ...given, prompt };
      if (opts.generator) return runLoopFromCli({ ...opts, generator: opts.generator }, g);
      if (opts.mode && opts.mode !== "analysis" && opts.mode !== "code") throw new InvalidArgumentError(`--mode must be analysis or code, got "${opts.mode}"`);
      await withEngine(g, async (client, _engine, signal) => {
        const result = await runToCompletion(client, "ensemble.run", toInput(opts), { signal, onEvent: g.json ? undefined : liveReporter() });
        output(g, result, () => humanReport(result));
      });
    });
}

function registerTools(program: Command): void {
  program
    .command("codebleu")
    .description("CodeBLEU matrix and medoid over code files")
    .argument("<files...>", "two or more candidate files")
    .option("--language <lang>", "language (default: from the first file's extension)")
    .action(async (files: string[], opts: { language?: string }, cmd: Command) => {
      const g: GlobalOptions = globalOptions(cmd);
      const candidates = files.map((f) => ({ label: path.basename(f), code: fs.readFileSync(f, "utf8") }));
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("ensemble.codebleu", { candidates, language: opts.language ?? path.extname(files[0]!).slice(1) }, { signal });
        output(g, r, () => codeTable(r).join("\n"));
      });
    });
  program
    .command("personas")
    .description("list debate personas")
    .option("--personas <file>", "an extra personas YAML to merge over the shipped set")
    .action(async (opts: { personas?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("ensemble.personas", opts.personas ? { file: path.resolve(opts.personas) } : {}, { signal });
        output(g, r, () => r.personas.map((p) => `${p.id.padEnd(18)}${p.name} — ${p.role}`).join("\n"));
      });
    });
}

/** CLI commands of the ensemble capability: `run`, `codebleu`, `personas`. */
export function registerEnsembleCommands(program: Command): void {
  registerRun(program);
  registerTools(program);
}
