import { AppError, ErrorCode } from "../contract/errors.js";
import { runKinds, type RunChannelData, type RunChannelName, type RunInput, type RunKindName, type RunResult } from "../contract/methods.js";
import type { RunEvent } from "../contract/runs.js";
import type { RpcClient } from "./RpcClient.js";

/**
 * The payload of a `data` event on `channel` of run kind `kind`, validated against the contract; undefined when
 * the event is something else. The one typed way for clients (CLI, renderer, tests) to read run data.
 */
export function runData<K extends RunKindName, C extends RunChannelName<K>>(kind: K, channel: C, event: RunEvent): RunChannelData<K, C> | undefined {
  if (event.type !== "data" || event.channel !== channel) return undefined;
  const schema = (runKinds[kind].data as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[channel];
  const parsed = schema?.safeParse(event.data);
  return parsed?.success ? (parsed.data as RunChannelData<K, C>) : undefined;
}

/** The typed result of a finished run's `result` event (validated), else undefined. */
export function runResult<K extends RunKindName>(kind: K, event: RunEvent): RunResult<K> | undefined {
  return event.type === "result" ? parseRunResult(kind, event.result) : undefined;
}

/** A run result as `runs.get` returns it (unknown on the wire), validated and typed for its kind. */
export function parseRunResult<K extends RunKindName>(kind: K, value: unknown): RunResult<K> | undefined {
  const parsed = runKinds[kind].result.safeParse(value);
  return parsed.success ? (parsed.data as RunResult<K>) : undefined;
}

export interface RunToCompletionOptions {
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Called once the run has an id (before its first event is handled). */
  onStart?: (runId: string) => void;
  detached?: boolean;
}

/**
 * Start a run and follow it to the end: events go to `onEvent`, the typed result is returned, a failure throws.
 * Aborting `signal` cancels the run in the engine.
 */
export async function runToCompletion<K extends RunKindName>(client: RpcClient, kind: K, input: RunInput<K>, options: RunToCompletionOptions = {}): Promise<RunResult<K>> {
  const startRun = async (): Promise<string> => (await client.call("runs.start", { kind, input, ...(options.detached ? { detached: true } : {}) })).runId;
  return followRun(client, kind, startRun, options);
}

/**
 * Follow a run that `begin` starts (or resumes) until it ends. Subscribes before `begin` so no event is missed.
 */
export async function followRun<K extends RunKindName>(client: RpcClient, kind: K, begin: () => Promise<string>, options: RunToCompletionOptions = {}): Promise<RunResult<K>> {
  let resolveDone!: (e: RunEvent) => void;
  const done = new Promise<RunEvent>((r) => (resolveDone = r));
  let result: RunResult<K> | undefined;
  let error: RunEvent | undefined;
  let runId: string | undefined;
  const handle = (e: RunEvent): void => {
    if (e.runId !== runId) return;
    options.onEvent?.(e);
    if (e.type === "result") result = runResult(kind, e);
    if (e.type === "error") error = e;
    if (e.type === "status" && e.status !== "running") resolveDone(e);
  };
  const buffered: RunEvent[] = [];
  const off = await client.subscribe("run.event", (e) => (runId ? handle(e) : buffered.push(e)));
  try {
    runId = await begin();
    options.onStart?.(runId);
    for (const e of buffered.splice(0)) handle(e);
    const onAbort = (): void => void client.call("runs.cancel", { runId: runId! }).catch(() => {});
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const final = await done;
    options.signal?.removeEventListener("abort", onAbort);
    if (final.type === "status" && final.status === "succeeded" && result !== undefined) return result;
    if (error && error.type === "error") throw new AppError(error.error.code as ErrorCode, error.error.message, { details: error.error.details });
    throw new AppError(ErrorCode.Internal, `Run ended as ${final.type === "status" ? final.status : "unknown"}`);
  } finally {
    off();
  }
}
