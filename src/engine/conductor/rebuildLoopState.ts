import { AttemptRecord, Candidate, ExploredFile } from "../../shared/contract/conductor.js";
import type { RunEvent } from "../../shared/contract/runs.js";
import { runData } from "../../shared/rpc/runToCompletion.js";

/** Where a resumed loop picks up, from the last safe state in its log. */
export type ResumePoint =
  | { at: "await" }
  | { at: "apply"; candidate: Candidate; approve: "all" | string[]; confirmProtected: string[] }
  | { at: "test"; candidate: Candidate; applyId: string | null; written: string[] };

export interface LoopState {
  /** Current iteration (1-based); 0 before the first prompt. */
  iteration: number;
  prompt: string;
  explored: ExploredFile[];
  attempts: AttemptRecord[];
  models: string[];
  resume: ResumePoint;
}

/**
 * Rebuild a loop's state from its event log (resume after kill -9 or a restart). Events after the last prompt
 * tell how far the iteration got: approved but not applied → apply again (the apply journal has already
 * finished or rolled back the interrupted write); applied but not tested → test; otherwise wait for code again.
 */
export function rebuildLoopState(events: RunEvent[]): LoopState {
  const state: LoopState = { iteration: 0, prompt: "", explored: [], attempts: [], models: [], resume: { at: "await" } };
  let candidate: Candidate | undefined;
  let approval: { approve: "all" | string[]; confirmProtected: string[] } | undefined;
  let applied: { applyId: string | null; written: string[] } | undefined;
  for (const e of events) {
    const prompt = runData("conductor.loop", "prompt", e);
    if (prompt) {
      state.iteration = prompt.iteration;
      state.prompt = prompt.text;
      candidate = approval = applied = undefined;
      continue;
    }
    const explored = runData("conductor.loop", "explore", e);
    if (explored) state.explored = explored.files;
    const c = runData("conductor.loop", "candidate", e);
    if (c) {
      candidate = c;
      approval = applied = undefined;
    }
    const a = runData("conductor.loop", "approval", e);
    if (a) approval = a.approved ? { approve: a.files ?? "all", confirmProtected: a.confirmProtected ?? [] } : undefined;
    const ap = runData("conductor.loop", "applied", e);
    if (ap) applied = { applyId: ap.applyId, written: ap.written };
    const at = runData("conductor.loop", "attempt", e);
    if (at) {
      state.attempts.push(at);
      state.models = at.models;
      candidate = approval = applied = undefined;
    }
  }
  if (candidate && applied) state.resume = { at: "test", candidate, ...applied };
  else if (candidate && (approval || candidate.preApplied)) state.resume = candidate.preApplied ? { at: "test", candidate, applyId: null, written: candidate.plan.files.map((f) => f.path) } : { at: "apply", candidate, ...approval! };
  return state;
}
