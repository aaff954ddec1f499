import { runData, runResult } from "../../../../shared/rpc/runToCompletion.js";
import type { ChatResult } from "../../../../shared/contract/models.js";
import type { RunEvent, RunStatus } from "../../../../shared/contract/runs.js";

export interface TestOutput {
  text: string;
  status: RunStatus | "idle";
  result: ChatResult | null;
  error: string | null;
}

/** The streamed text, status and final metrics of a `models.chat` run, from its events. */
export function deriveTestOutput(events: RunEvent[] | undefined): TestOutput {
  if (!events?.length) return { text: "", status: "idle", result: null, error: null };
  let text = "";
  let status: TestOutput["status"] = "running";
  let result: ChatResult | null = null;
  let error: string | null = null;
  for (const e of events) {
    const token = runData("models.chat", "token", e);
    if (token) text += token.text;
    else if (e.type === "result") result = runResult("models.chat", e) ?? null;
    else if (e.type === "error") error = e.error.message;
    else if (e.type === "status") status = e.status;
  }
  return { text: result?.text ?? text, status, result, error };
}
