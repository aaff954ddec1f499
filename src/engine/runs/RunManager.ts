import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { AppError, ErrorCode, toAppError } from "../../shared/contract/errors.js";
import type { RunKindDef } from "../../shared/contract/defineContract.js";
import { runKinds as declaredRunKinds, isRunKind } from "../../shared/contract/methods.js";

const runKinds = declaredRunKinds as Record<string, RunKindDef>;
import type { RunEvent, RunStatus, RunSummary } from "../../shared/contract/runs.js";
import type { EventBus } from "../util/EventBus.js";
import type { Logger } from "../util/createLogger.js";
import { disposeOnce } from "../util/disposeOnce.js";

export interface RunContext {
  runId: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: "debug" | "info" | "warn" | "error", message: string): void;
  /** Kind-specific partial data (tokens, member answers…) on channel `channel`. */
  data(channel: string, data: unknown): void;
  /** Human title shown in lists. */
  setTitle(title: string): void;
}

export type RunHandler = (input: unknown, ctx: RunContext) => Promise<unknown>;

interface LiveRun {
  summary: RunSummary;
  controller: AbortController;
  events: RunEvent[];
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
  /** Events kept per run in memory and in the database. Defaults to `5000`. */
  maxEventsPerRun?: number;
}

/**
 * Owns long work. `start` returns a runId at once; progress/log/data/result are published on `run.event`
 * (keyed by runId) and kept, so a reloaded window can fetch what it missed and re-attach.
 */
export class RunManager {
  private readonly handlers = new Map<string, RunHandler>();
  private readonly live = new Map<string, LiveRun>();
  private disposed = false;

  constructor(private readonly options: RunManagerOptions) {}

  /** Register the handler for a run kind declared in the contract. */
  register(kind: string, handler: RunHandler): void {
    if (!isRunKind(kind)) throw new Error(`Run kind "${kind}" is not declared in the contract`);
    this.handlers.set(kind, handler);
  }

  start(kind: string, rawInput: unknown, owner?: string, detached = false): string {
    if (this.disposed) throw new AppError(ErrorCode.Unavailable, "Engine is shutting down");
    const handler = this.handlers.get(kind);
    if (!handler || !isRunKind(kind)) throw new AppError(ErrorCode.NotFound, `Unknown run kind "${kind}"`);
    const parsed = runKinds[kind]!.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new AppError(
        ErrorCode.InvalidInput,
        `Invalid input for run ${kind}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      );
    }
    const runId = randomUUID();
    const controller = new AbortController();
    const run: LiveRun = {
      summary: { runId, kind, status: "running", startedAt: Date.now() },
      controller,
      events: [],
      owner: detached ? undefined : owner,
      done: Promise.resolve(),
    };
    this.live.set(runId, run);
    this.persistStart(run, parsed.data);
    this.emit(run, { type: "status", status: "running" });
    run.done = this.execute(run, handler, parsed.data);
    return runId;
  }

  private async execute(run: LiveRun, handler: RunHandler, input: unknown): Promise<void> {
    const ctx: RunContext = {
      runId: run.summary.runId,
      signal: run.controller.signal,
      progress: (fraction, message) => {
        run.summary.progress = Math.min(1, Math.max(0, fraction));
        this.emit(run, { type: "progress", fraction: run.summary.progress, ...(message ? { message } : {}) });
      },
      log: (level, message) => {
        // Run logs also reach the log file (and stderr with --verbose), not only the run's listeners.
        this.options.logger[level]({ runId: run.summary.runId }, message);
        this.emit(run, { type: "log", level, message });
      },
      data: (channel, data) => this.emit(run, { type: "data", channel, data }),
      setTitle: (title) => {
        run.summary.title = title;
      },
    };
    let status: RunStatus;
    this.options.logger.debug({ runId: run.summary.runId }, `run ${run.summary.kind} started`);
    try {
      await Promise.resolve();
      // Cancelled before the handler even started: it would never see the abort event.
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      const result = await handler(input, ctx);
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      const kind = run.summary.kind;
      const checked = runKinds[kind]!.result.safeParse(result);
      if (!checked.success) throw new AppError(ErrorCode.Internal, `Run ${kind} produced a result that breaks the contract: ${checked.error.message}`);
      run.result = checked.data;
      this.emit(run, { type: "result", result: checked.data });
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
    this.persistEnd(run);
  }

  cancel(runId: string, reason = "Cancelled by user"): boolean {
    const run = this.live.get(runId);
    if (!run || run.summary.status !== "running") return false;
    run.controller.abort(new AppError(ErrorCode.Cancelled, reason));
    return true;
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
    const stored = this.loadStored(runId);
    if (!stored) throw new AppError(ErrorCode.NotFound, `No run ${runId}`);
    return stored;
  }

  list(limit = 50, kind?: string): RunSummary[] {
    const out = new Map<string, RunSummary>();
    for (const r of this.live.values()) if (!kind || r.summary.kind === kind) out.set(r.summary.runId, { ...r.summary });
    const db = this.options.db;
    if (db) {
      const rows = db
        .prepare(`SELECT * FROM runs ${kind ? "WHERE kind = ?" : ""} ORDER BY started_at DESC LIMIT ?`)
        .all(...(kind ? [kind, limit] : [limit])) as StoredRunRow[];
      for (const row of rows) if (!out.has(row.id)) out.set(row.id, rowToSummary(row));
    }
    return [...out.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
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

  private emit(run: LiveRun, event: DistributiveOmit<RunEvent, "runId" | "seq">): void {
    const full = { ...event, runId: run.summary.runId, seq: run.events.length } as RunEvent;
    if (run.events.length < (this.options.maxEventsPerRun ?? 5000)) run.events.push(full);
    this.options.bus.publish("run.event", full, run.summary.runId);
    if (event.type === "status") this.options.bus.publish("run.summary", { ...run.summary }, run.summary.runId);
  }

  private persistStart(run: LiveRun, input: unknown): void {
    this.options.db
      ?.prepare("INSERT INTO runs (id, kind, status, input_json, started_at) VALUES (?, ?, ?, ?, ?)")
      .run(run.summary.runId, run.summary.kind, "running", JSON.stringify(input ?? null), run.summary.startedAt);
  }

  private persistEnd(run: LiveRun): void {
    const db = this.options.db;
    if (!db) return;
    try {
      db.transaction(() => {
        db.prepare("UPDATE runs SET status = ?, title = ?, result_json = ?, error_json = ?, ended_at = ? WHERE id = ?").run(
          run.summary.status,
          run.summary.title ?? null,
          run.result === undefined ? null : JSON.stringify(run.result),
          run.summary.error ? JSON.stringify(run.summary.error) : null,
          run.summary.endedAt ?? null,
          run.summary.runId,
        );
        const ins = db.prepare("INSERT OR REPLACE INTO run_events (run_id, seq, event_json) VALUES (?, ?, ?)");
        // Tokens are many and cheap to lose; keep everything else.
        for (const ev of run.events) if (!(ev.type === "data" && ev.channel === "token")) ins.run(ev.runId, ev.seq, JSON.stringify(ev));
      })();
    } catch (e) {
      this.options.logger.error({ err: (e as Error).message, runId: run.summary.runId }, "could not persist run");
    }
  }

  private loadStored(runId: string): { run: RunSummary; events: RunEvent[]; result?: unknown } | undefined {
    const db = this.options.db;
    if (!db) return undefined;
    const row = db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as StoredRunRow | undefined;
    if (!row) return undefined;
    const events = (db.prepare("SELECT event_json FROM run_events WHERE run_id = ? ORDER BY seq").all(runId) as Array<{ event_json: string }>).map(
      (r) => JSON.parse(r.event_json) as RunEvent,
    );
    return { run: rowToSummary(row), events, ...(row.result_json ? { result: JSON.parse(row.result_json) as unknown } : {}) };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface StoredRunRow {
  id: string;
  kind: string;
  title: string | null;
  status: RunStatus;
  result_json: string | null;
  error_json: string | null;
  started_at: number;
  ended_at: number | null;
}

function rowToSummary(row: StoredRunRow): RunSummary {
  // A run still "running" in the database belongs to a process that died: report it as failed.
  const status: RunStatus = row.status === "running" ? "failed" : row.status;
  return {
    runId: row.id,
    kind: row.kind,
    status,
    startedAt: row.started_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.title ? { title: row.title } : {}),
    ...(row.error_json ? { error: JSON.parse(row.error_json) as { code: string; message: string } } : {}),
  };
}
