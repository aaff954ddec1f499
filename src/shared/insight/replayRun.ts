import type { RunEvent } from "../contract/runs.js";

/** What a replay pane shows at one step: the state of the run after applying events up to that step. */
export interface ReplayState {
  /** Index into the event list (the step just applied), -1 before the first. */
  step: number;
  status: string;
  stage: string | null;
  iteration: number;
  prompt: string | null;
  /** Model answers (ensemble members) and candidate answers, newest last. */
  answers: Array<{ label: string; text: string }>;
  /** Diffs of the newest candidate / attempt. */
  diffs: Array<{ path: string; diff: string }>;
  tests: { passed: number; failed: number; errors: number; skipped: number; failing: string[] } | null;
  reward: number | null;
  written: string[];
  log: string[];
  outcome: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" ? v : 0);

export function initialReplayState(): ReplayState {
  return { step: -1, status: "running", stage: null, iteration: 0, prompt: null, answers: [], diffs: [], tests: null, reward: null, written: [], log: [], outcome: null };
}

function testsFrom(v: unknown): ReplayState["tests"] {
  const s = obj(obj(v).summary);
  const failing = arr(obj(v).tests)
    .map(obj)
    .filter((t) => t.status === "failed" || t.status === "error")
    .map((t) => str(t.name));
  return { passed: num(s.passed), failed: num(s.failed), errors: num(s.errors), skipped: num(s.skipped), failing };
}

function applyData(s: ReplayState, channel: string, d: unknown): ReplayState {
  const o = obj(d);
  switch (channel) {
    case "stage":
      return { ...s, stage: str(o.stage), iteration: num(o.iteration) || s.iteration };
    case "prompt":
      return { ...s, prompt: str(o.text), iteration: num(o.iteration) || s.iteration };
    case "member":
      return { ...s, answers: [...s.answers, { label: str(o.label) || str(o.modelId), text: str(o.code) || str(o.rawText) }] };
    case "candidate": {
      const files = arr(obj(o.plan).files).map(obj);
      return {
        ...s,
        answers: [...s.answers, { label: `candidate ${num(o.iteration)} (${str(o.source)})`, text: files.map((f) => `${str(f.path)} (${str(f.action)})`).join("\n") }],
        diffs: files.map((f) => ({ path: str(f.path), diff: str(f.diff) })),
      };
    }
    case "applied":
      return { ...s, written: arr(o.written).map(str) };
    case "tests":
      return { ...s, tests: testsFrom(d), reward: typeof obj(o.reward).reward === "number" ? num(obj(o.reward).reward) : s.reward };
    case "attempt": {
      const r = obj(o.reward);
      return { ...s, reward: typeof r.reward === "number" ? r.reward : s.reward, diffs: arr(o.files).map(obj).map((f) => ({ path: str(f.path), diff: str(f.diff) })) };
    }
    default:
      return s;
  }
}

/** The state after one more event. Pure: the same events always give the same states. */
export function replayStep(s: ReplayState, e: RunEvent, index: number): ReplayState {
  const next = { ...s, step: index };
  switch (e.type) {
    case "status":
      return { ...next, status: e.status };
    case "log":
      return { ...next, log: [...s.log, `${e.level}: ${e.message}`] };
    case "data":
      return applyData(next, e.channel, e.data);
    case "result": {
      const r = obj(e.result);
      const prompt = obj(r.prompt);
      return {
        ...next,
        outcome: str(r.outcome) || null,
        reward: typeof r.reward === "number" ? r.reward : typeof obj(r.reward).reward === "number" ? num(obj(r.reward).reward) : s.reward,
        prompt: s.prompt ?? (str(prompt.text) || null),
        tests: s.tests ?? (r.summary ? testsFrom(r) : null),
      };
    }
    case "error":
      return { ...next, status: "failed", log: [...s.log, `error: ${e.error.message}`] };
    default:
      return next;
  }
}

/** Every state of a run, one per event (index i = after event i). */
export function replayRun(events: RunEvent[]): ReplayState[] {
  const out: ReplayState[] = [];
  let s = initialReplayState();
  events.forEach((e, i) => {
    s = replayStep(s, e, i);
    out.push(s);
  });
  return out;
}
