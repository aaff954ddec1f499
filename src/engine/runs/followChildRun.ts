import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunInput, RunKindName, RunResult } from "../../shared/contract/methods.js";
import type { RunEvent } from "../../shared/contract/runs.js";
import type { EngineContext } from "../EngineContext.js";

/**
 * Run another kind as a child of the current run: it gets its own record (History shows it), its events go to
 * `onEvent`, aborting `signal` cancels it, and its typed result (or its error) comes back.
 */
export async function followChildRun<K extends RunKindName>(
  ctx: Pick<EngineContext, "runs" | "bus">,
  kind: K,
  input: RunInput<K>,
  signal: AbortSignal,
  onEvent?: (e: RunEvent) => void,
): Promise<{ runId: string; result: RunResult<K> }> {
  if (signal.aborted) throw signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
  const runId = ctx.runs.start(kind, input, undefined, true);
  const off = ctx.bus.subscribe("run.event", runId, (e) => onEvent?.(e));
  const onAbort = (): void => void ctx.runs.cancel(runId, "Parent run cancelled");
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await ctx.runs.wait(runId);
  } finally {
    signal.removeEventListener("abort", onAbort);
    off();
  }
  const done = ctx.runs.get(runId);
  if (done.run.status === "succeeded") return { runId, result: done.result as RunResult<K> };
  if (signal.aborted) throw signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
  const err = done.run.error;
  throw new AppError((err?.code as ErrorCode) ?? ErrorCode.Internal, `${kind} ${done.run.status}: ${err?.message ?? "no result"}`);
}
