import { AppError, ErrorCode } from "../shared/contract/errors.js";
import type { RunEvent } from "../shared/contract/runs.js";
import type { RpcClient } from "../shared/rpc/index.js";

/**
 * Start a run and follow it to the end: events go to `onEvent`, the result is returned, a failure throws.
 * Aborting `signal` cancels the run in the engine.
 */
export async function runToCompletion(
  client: RpcClient,
  kind: string,
  input: unknown,
  options: { signal?: AbortSignal; onEvent?: (e: RunEvent) => void } = {},
): Promise<unknown> {
  let resolveDone!: (e: RunEvent) => void;
  const done = new Promise<RunEvent>((r) => (resolveDone = r));
  const seen: RunEvent[] = [];
  let runId: string | undefined;
  const handle = (e: RunEvent): void => {
    if (runId && e.runId !== runId) return;
    seen.push(e);
    options.onEvent?.(e);
    if (e.type === "status" && e.status !== "running") resolveDone(e);
  };
  // Subscribe to all run events first so nothing is missed, then filter by id.
  const buffered: RunEvent[] = [];
  const off = await client.subscribe("run.event", (e) => (runId ? handle(e) : buffered.push(e)));
  try {
    ({ runId } = await client.call("runs.start", { kind, input }));
    for (const e of buffered.splice(0)) handle(e);
    const onAbort = (): void => void client.call("runs.cancel", { runId: runId! }).catch(() => {});
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const final = await done;
    options.signal?.removeEventListener("abort", onAbort);
    if (final.type === "status" && final.status === "succeeded") {
      const r = seen.find((e) => e.type === "result");
      return r && r.type === "result" ? r.result : undefined;
    }
    const err = seen.find((e) => e.type === "error");
    if (err && err.type === "error") throw new AppError(err.error.code as ErrorCode, err.error.message, { details: err.error.details });
    throw new AppError(ErrorCode.Internal, `Run ended as ${final.type === "status" ? final.status : "unknown"}`);
  } finally {
    off();
  }
}
