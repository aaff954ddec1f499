import type { RunEvent, RunStatus } from "../../../../shared/contract/runs.js";

export interface RunState {
  status: RunStatus | "idle";
  /** 0–1. */
  fraction: number;
  message: string;
  result?: unknown;
  error?: string;
  /** Log lines (info and above). */
  logs: string[];
}

/** Fold a run's events into what the view shows: status, last progress, result or error, log lines. */
export function deriveRunState(events: readonly RunEvent[] | undefined): RunState {
  const state: RunState = { status: events?.length ? "running" : "idle", fraction: 0, message: "", logs: [] };
  for (const e of events ?? []) {
    if (e.type === "status") state.status = e.status;
    else if (e.type === "progress") {
      state.fraction = e.fraction;
      if (e.message) state.message = e.message;
    } else if (e.type === "log" && e.level !== "debug") state.logs.push(e.message);
    else if (e.type === "result") state.result = e.result;
    else if (e.type === "error") state.error = e.error.message;
  }
  return state;
}
