import type { AttemptRecord, Candidate, LoopRunResult, LoopStage } from "../../../../../shared/contract/conductor.js";
import type { RunEvent, RunStatus } from "../../../../../shared/contract/runs.js";
import type { TestRunResult } from "../../../../../shared/contract/verify.js";
import { runData, runResult } from "../../../../../shared/rpc/runToCompletion.js";

export const STAGES: LoopStage[] = ["explore", "analyze", "prompt", "await_code", "review", "approve", "apply", "test", "record", "fix_prompt", "done"];

export interface TimelineEntry {
  seq: number;
  iteration: number;
  text: string;
  level: "info" | "warn" | "error" | "success";
}

export interface LoopView {
  status: RunStatus | "idle";
  stage: LoopStage | null;
  iteration: number;
  progress: number;
  hint: string | null;
  watch: string | null;
  prompt: { text: string; kind: "initial" | "fix"; iteration: number } | null;
  explored: Array<{ path: string; reasons: string[] }>;
  /** Successful past patterns offered in the prompt. */
  similar: Array<{ id: string; task: string; reward: number | null }>;
  candidate: Candidate | null;
  /** Review findings of the current candidate: validation, and the reviewer persona when enabled. */
  reviews: Array<{ by: string; findings: Array<{ severity: string; message: string }> }>;
  awaitingApproval: boolean;
  tests: TestRunResult | null;
  attempts: AttemptRecord[];
  timeline: TimelineEntry[];
  output: string;
  result: LoopRunResult | null;
  error: string | null;
}

const MAX_OUTPUT = 20_000;

/** The loop's state as the Workflow view shows it, built from the run's event log (live or stored). */
export function deriveLoopView(events: RunEvent[]): LoopView {
  const v: LoopView = { status: events.length ? "running" : "idle", stage: null, iteration: 0, progress: 0, hint: null, watch: null, prompt: null, explored: [], similar: [], candidate: null, reviews: [], awaitingApproval: false, tests: null, attempts: [], timeline: [], output: "", result: null, error: null };
  const note = (e: RunEvent, text: string, level: TimelineEntry["level"] = "info"): void => void v.timeline.push({ seq: e.seq, iteration: v.iteration, text, level });
  for (const e of events) {
    if (e.type === "status") v.status = e.status;
    else if (e.type === "progress") v.progress = e.fraction;
    else if (e.type === "error") v.error = e.error.message;
    else if (e.type === "log" && (e.level === "warn" || e.level === "error")) note(e, e.message, e.level);
    else if (e.type === "result") v.result = runResult("conductor.loop", e) ?? null;
    const stage = runData("conductor.loop", "stage", e);
    if (stage) {
      v.stage = stage.stage;
      v.iteration = stage.iteration;
      v.awaitingApproval = stage.stage === "approve";
      if (stage.stage !== "await_code") v.hint = null;
      note(e, `${stage.stage.replace("_", " ")}${stage.message ? `: ${stage.message}` : ""}`);
    }
    const prompt = runData("conductor.loop", "prompt", e);
    if (prompt) {
      v.prompt = { text: prompt.text, kind: prompt.kind, iteration: prompt.iteration };
      v.candidate = null;
      v.tests = null;
      v.output = "";
    }
    const similar = runData("conductor.loop", "similar", e);
    if (similar) v.similar = similar.patterns;
    const explored = runData("conductor.loop", "explore", e);
    if (explored) v.explored = explored.files;
    const waiting = runData("conductor.loop", "awaiting", e);
    if (waiting) {
      v.hint = waiting.hint;
      v.watch = waiting.watch;
    }
    const ignored = runData("conductor.loop", "ignored", e);
    if (ignored) note(e, `ignored: ${ignored.reason}`);
    const candidate = runData("conductor.loop", "candidate", e);
    if (candidate) {
      v.candidate = candidate;
      v.reviews = [];
      note(e, `code detected (${candidate.source}): ${candidate.plan.files.map((f) => f.path).join(", ")}`);
    }
    const review = runData("conductor.loop", "review", e);
    if (review) v.reviews.push({ by: review.by, findings: review.findings });
    const approval = runData("conductor.loop", "approval", e);
    if (approval) {
      v.awaitingApproval = false;
      note(e, approval.approved ? `approved (${approval.by})` : `rejected: ${approval.reason ?? approval.by}`, approval.approved ? "success" : "warn");
    }
    const applied = runData("conductor.loop", "applied", e);
    if (applied) note(e, `applied ${applied.written.length} file(s)`);
    const out = runData("conductor.loop", "output", e);
    if (out !== undefined && v.output.length < MAX_OUTPUT) v.output += out;
    const tests = runData("conductor.loop", "tests", e);
    if (tests) {
      v.tests = tests;
      const ok = tests.summary.failed + tests.summary.errors === 0 && tests.summary.passed > 0;
      note(e, `tests: ${tests.summary.passed}/${tests.summary.total} passed, reward ${tests.reward.reward.toFixed(2)}`, ok ? "success" : "warn");
    }
    const attempt = runData("conductor.loop", "attempt", e);
    if (attempt) v.attempts.push(attempt);
  }
  if (v.status !== "running") v.awaitingApproval = false;
  return v;
}
