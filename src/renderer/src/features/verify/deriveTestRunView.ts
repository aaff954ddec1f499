import { runResult } from "../../../../shared/rpc/runToCompletion.js";
import type { RunEvent, RunStatus } from "../../../../shared/contract/runs.js";
import type { TestRunResult } from "../../../../shared/contract/verify.js";

export interface TestRunView {
  status: RunStatus | "idle";
  progress: { fraction: number; message?: string } | null;
  /** Live output streamed on the run's "output" channel (bounded). */
  output: string;
  result: TestRunResult | null;
  error: { code: string; message: string } | null;
  /** The run was refused because no sandbox exists and the project has not consented. */
  needsConsent: { reason: string } | null;
}

const MAX_OUTPUT = 200_000;

/** Fold a `verify.test` run's events (and its fetched result) into what the test pane shows. */
export function deriveTestRunView(events: RunEvent[], fetched?: TestRunResult): TestRunView {
  const v: TestRunView = { status: events.length ? "running" : "idle", progress: null, output: "", result: fetched ?? null, error: null, needsConsent: null };
  const chunks: string[] = [];
  let size = 0;
  for (const e of events) {
    if (e.type === "status") v.status = e.status;
    else if (e.type === "progress") v.progress = { fraction: e.fraction, ...(e.message ? { message: e.message } : {}) };
    else if (e.type === "data" && e.channel === "output" && typeof e.data === "string" && size < MAX_OUTPUT) {
      chunks.push(e.data);
      size += e.data.length;
    } else if (e.type === "result" && !v.result) v.result = runResult("verify.test", e) ?? null;
    else if (e.type === "error") {
      v.error = { code: e.error.code, message: e.error.message };
      const d = e.error.details as { needsConsent?: boolean; reason?: string } | undefined;
      if (d?.needsConsent) v.needsConsent = { reason: d.reason ?? e.error.message };
    }
  }
  v.output = chunks.join("").slice(0, MAX_OUTPUT);
  return v;
}
