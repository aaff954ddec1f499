import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError, ErrorCode, toAppError } from "../../shared/contract/errors.js";
import {
  runKinds,
  isRunKind,
  type RunChannelData,
  type RunChannelName,
  type RunKindName,
  type RunParsedInput,
  type RunResult,
} from "../../shared/contract/methods.js";
import type { RunEvent, RunStatus, RunSummary } from "../../shared/contract/runs.js";
import type { EventBus } from "../util/EventBus.js";
import type { Logger } from "../util/createLogger.js";
import { RunStore } from "./RunStore.js";
import { disposeOnce } from "../util/disposeOnce.js";

/** What a run handler gets: cancellation, progress, typed partial data on the kind's declared channels. */
export interface RunContext<K extends RunKindName = RunKindName> {
  runId: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: "debug" | "info" | "warn" | "error", message: string): void;
  /** Partial data on one of the kind's declared channels; validated against the contract. */
  data<C extends RunChannelName<K>>(channel: C, data: RunChannelData<K, C>): void;
  /** Human title shown in lists. */
  setTitle(title: string): void;
  /** Events of this run's earlier life when it is being resumed after an interruption; empty otherwise. */
  previous: RunEvent[];
}

export type RunHandler<K extends RunKindName> = (input: RunParsedInput<K>, ctx: RunContext<K>) => Promise<RunResult<K>>;

/** Run handlers of a capability, by kind. */
export type RunHandlers = { [K in RunKindName]?: RunHandler<K> };

type AnyHandler = (input: unknown, ctx: RunContext) => Promise<unknown>;

interface LiveRun {
  summary: RunSummary;
  controller: AbortController;
  events: RunEvent[];
  /** Next sequence number (events may be capped in memory but never renumbered). */
  seq: number;
  result?: unknown;
  owner?: string;
  graceTimer?: NodeJS.Timeout;
  done: Promise<void>;
}

export interface RunManagerOptions {
  bus: EventBus;
  logger: Logger;
  /** Null when the database is read-only: runs then live in memory only. */
  db: Database.Database | null;
  /** How long a run outlives its closed connection, waiting to be re-attached. Defaults to `10000` ms. */
  orphanGraceMs?: number;
  /** Events kept per run in memory. Defaults to `5000`. */
  maxEventsPerRun?: number;
}

/**
 * Owns long work. `start` returns a runId at once; progress/log/data/result are published on `run.event`
 * (keyed by runId) and appended to the run log as they happen, so a reloaded window can fetch what it
 * missed and re-attach, and a run whose process died is listed as interrupted.
 */
export class RunManager {
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly live = new Map<string, LiveRun>();
  private readonly store: RunStore | null;
  private disposed = false;

  constructor(private readonly options: RunManagerOptions) {
    this.store = options.db ? new RunStore(options.db) : null;
  }

  /** Register the handlers of a capability. */
  registerAll(handlers: RunHandlers): void {
    for (const [kind, handler] of Object.entries(handlers)) this.register(kind as RunKindName, handler as RunHandler<RunKindName>);
  }

  register<K extends RunKindName>(kind: K, handler: RunHandler<K>): void {
    if (!isRunKind(kind)) throw new Error(`Run kind "${kind}" is not declared in the contract`);
    this.handlers.set(kind, handler as unknown as AnyHandler);
  }

  start(kind: string, rawInput: unknown, owner?: string, detached = false): string {
    if (this.disposed) throw new AppError(ErrorCode.Unavailable, "Engine is shutting down");
    const handler = this.handlers.get(kind);
    if (!handler || !isRunKind(kind)) throw new AppError(ErrorCode.NotFound, `Unknown run kind "${kind}"`);
    const input = parseOrThrow(runKinds[kind].input, rawInput ?? {}, `Invalid input for run ${kind}`);
    const run = this.newLive({ runId: randomUUID(), kind, status: "running", startedAt: Date.now() }, detached ? undefined : owner);
    this.store?.insert(run.summary, input);
    this.emit(run, { type: "status", status: "running" });
    run.done = this.execute(run, handler, input, []);
    return run.summary.runId;
  }

  /**
   * Continue an interrupted run under its own id: the handler gets the earlier events in `ctx.previous` and
   * rebuilds its state from them. `patch` overrides fields of the original input (e.g. autoApprove).
   */
  resume(runId: string, patch: Record<string, unknown>, owner?: string): void {
    if (this.disposed) throw new AppError(ErrorCode.Unavailable, "Engine is shutting down");
    if (this.live.has(runId)) throw new AppError(ErrorCode.Conflict, `Run ${runId} is already running in this process`);
    const stored = this.store?.load(runId);
    if (!stored) throw new AppError(ErrorCode.NotFound, `No run ${runId}`);
    if (stored.run.status !== "interrupted") throw new AppError(ErrorCode.Conflict, `Run ${runId} is ${stored.run.status}; only an interrupted run can be resumed`);
    const kind = stored.run.kind;
    const handler = this.handlers.get(kind);
    if (!handler || !isRunKind(kind)) throw new AppError(ErrorCode.NotFound, `Unknown run kind "${kind}"`);
    const input = parseOrThrow(runKinds[kind].input, { ...(stored.input as object), ...patch }, `Invalid input for run ${kind}`);
    const run = this.newLive({ ...stored.run, status: "running", endedAt: undefined, error: undefined }, owner);
    run.events = stored.events;
    run.seq = stored.events.reduce((m, e) => Math.max(m, e.seq + 1), 0);
    this.store?.claim(runId);
    this.emit(run, { type: "log", level: "info", message: "resumed after an interruption" });
    this.emit(run, { type: "status", status: "running" });
    run.done = this.execute(run, handler, input, stored.events);
  }

  private newLive(summary: RunSummary, owner: string | undefined): LiveRun {
    const run: LiveRun = { summary, controller: new AbortController(), events: [], seq: 0, owner, done: Promise.resolve() };
    this.live.set(summary.runId, run);
    return run;
  }

  private context(run: LiveRun, previous: RunEvent[]): RunContext {
    const channels = runKinds[run.summary.kind as RunKindName].data as Record<string, z.ZodType>;
    return {
      runId: run.summary.runId,
      signal: run.controller.signal,
      previous,
      progress: (fraction, message) => {
        run.summary.progress = Math.min(1, Math.max(0, fraction));
        this.emit(run, { type: "progress", fraction: run.summary.progress, ...(message ? { message } : {}) });
      },
      log: (level, message) => {
        // Run logs also reach the log file (and stderr with --verbose), not only the run's listeners.
        this.options.logger[level]({ runId: run.summary.runId }, message);
        this.emit(run, { type: "log", level, message });
      },
      data: (channel: string, data: unknown) => {
        const schema = channels[channel];
        if (!schema) throw new AppError(ErrorCode.Internal, `Run ${run.summary.kind} has no data channel "${channel}" in the contract`);
        this.emit(run, { type: "data", channel, data: parseOrThrow(schema, data, `Data on ${run.summary.kind}/${channel} breaks the contract`, ErrorCode.Internal) });
      },
      setTitle: (title) => {
        run.summary.title = title;
        this.store?.update(run.summary, undefined);
      },
    } as RunContext;
  }

  private async execute(run: LiveRun, handler: AnyHandler, input: unknown, previous: RunEvent[]): Promise<void> {
    let status: RunStatus;
    this.options.logger.debug({ runId: run.summary.runId }, `run ${run.summary.kind} started`);
    try {
      await Promise.resolve();
      // Cancelled before the handler even started: it would never see the abort event.
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      const result = await handler(input, this.context(run, previous));
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      const kind = run.summary.kind as RunKindName;
      run.result = parseOrThrow(runKinds[kind].result, result, `Run ${kind} produced a result that breaks the contract`, ErrorCode.Internal);
      this.emit(run, { type: "result", result: run.result });
      status = "succeeded";
    } catch (err) {
      const e = run.controller.signal.aborted ? toAppError(run.controller.signal.reason ?? err) : toAppError(err);
      status = e.code === ErrorCode.Cancelled ? "cancelled" : "failed";
      run.summary.error = { code: e.code, message: e.message };
      if (status === "failed") this.options.logger.warn({ runId: run.summary.runId, err: e.message }, "run failed");
      this.emit(run, { type: "error", error: e.toWire() as { code: string; message: string } });
    }
    run.summary.status = status;
    run.summary.endedAt = Date.now();
    this.options.logger.debug({ runId: run.summary.runId }, `run ${run.summary.kind} ${status} in ${run.summary.endedAt - run.summary.startedAt} ms`);
    if (run.graceTimer) clearTimeout(run.graceTimer);
    this.emit(run, { type: "status", status });
    this.persist(() => this.store?.update(run.summary, run.result));
  }

  cancel(runId: string, reason = "Cancelled by user"): boolean {
    const run = this.live.get(runId);
    if (!run || run.summary.status !== "running") return false;
    run.controller.abort(new AppError(ErrorCode.Cancelled, reason));
    return true;
  }

  /** Cancel every running run of this process; returns how many. */
  cancelAll(reason: string): number {
    let n = 0;
    for (const id of this.live.keys()) if (this.cancel(id, reason)) n++;
    return n;
  }

  /** Running runs of other processes on this data folder (for `codeconductor stop`). */
  runningElsewhere(): Array<{ runId: string; pid: number }> {
    return this.store?.liveElsewhere() ?? [];
  }

  /** A connection went away: its runs get a grace period to be re-attached, then are cancelled. */
  releaseOwner(owner: string): void {
    for (const run of this.live.values()) {
      if (run.owner !== owner || run.summary.status !== "running") continue;
      run.owner = undefined;
      const grace = this.options.orphanGraceMs ?? 10_000;
      run.graceTimer = setTimeout(() => {
        if (run.owner === undefined) this.cancel(run.summary.runId, "Connection closed");
      }, grace);
      run.graceTimer.unref?.();
    }
  }

  attach(runId: string, owner: string): RunSummary {
    const run = this.live.get(runId);
    if (!run) throw new AppError(ErrorCode.NotFound, `No live run ${runId}`);
    if (run.graceTimer) clearTimeout(run.graceTimer);
    run.owner = owner;
    return { ...run.summary };
  }

  get(runId: string): { run: RunSummary; events: RunEvent[]; result?: unknown } {
    const run = this.live.get(runId);
    if (run) return { run: { ...run.summary }, events: [...run.events], ...(run.result !== undefined ? { result: run.result } : {}) };
    const stored = this.store?.load(runId);
    if (!stored) throw new AppError(ErrorCode.NotFound, `No run ${runId}`);
    return { run: stored.run, events: stored.events, ...(stored.result !== undefined ? { result: stored.result } : {}) };
  }

  /** The input a run was started with (after defaults), for resume and re-run. */
  inputOf(runId: string): unknown {
    return this.store?.load(runId)?.input;
  }

  list(limit = 50, kind?: string): RunSummary[] {
    const out = new Map<string, RunSummary>();
    for (const r of this.live.values()) if (!kind || r.summary.kind === kind) out.set(r.summary.runId, { ...r.summary });
    for (const s of this.store?.list(limit, kind) ?? []) if (!out.has(s.runId)) out.set(s.runId, s);
    return [...out.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
  }

  /** Ids of runs running in this process. */
  running(kind?: string): RunSummary[] {
    return [...this.live.values()].filter((r) => r.summary.status === "running" && (!kind || r.summary.kind === kind)).map((r) => ({ ...r.summary }));
  }

  /** Resolves when the run has finished (any status). */
  async wait(runId: string): Promise<void> {
    await this.live.get(runId)?.done;
  }

  /** Cancel everything and wait for handlers to unwind. Idempotent; a second caller waits for the first. */
  readonly dispose = disposeOnce(async () => {
    this.disposed = true;
    for (const run of this.live.values()) {
      if (run.graceTimer) clearTimeout(run.graceTimer);
      if (run.summary.status === "running") run.controller.abort(new AppError(ErrorCode.Cancelled, "Engine shutting down"));
    }
    await Promise.allSettled([...this.live.values()].map((r) => r.done));
  });

  private emit(run: LiveRun, event: DistributiveOmit<RunEvent, "runId" | "seq" | "at">): void {
    const full = { ...event, runId: run.summary.runId, seq: run.seq++, at: Date.now() } as RunEvent;
    if (run.events.length < (this.options.maxEventsPerRun ?? 5000)) run.events.push(full);
    // Tokens are many and cheap to lose; everything else is logged the moment it happens.
    if (!(full.type === "data" && full.channel === "token")) this.persist(() => this.store?.append(full));
    if (event.type === "status") this.persist(() => this.store?.update(run.summary, run.result));
    this.options.bus.publish("run.event", full, run.summary.runId);
    if (event.type === "status") this.options.bus.publish("run.summary", { ...run.summary }, run.summary.runId);
  }

  private persist(write: () => void): void {
    try {
      write();
    } catch (e) {
      this.options.logger.error({ err: (e as Error).message }, "could not write the run log");
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string, code: ErrorCode = ErrorCode.InvalidInput): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(code, `${what}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
}
