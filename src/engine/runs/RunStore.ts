import type Database from "better-sqlite3";
import type { RunEvent, RunStatus, RunSummary } from "../../shared/contract/runs.js";
import { processAlive } from "../util/processAlive.js";

interface StoredRunRow {
  id: string;
  kind: string;
  title: string | null;
  status: RunStatus;
  input_json: string | null;
  result_json: string | null;
  error_json: string | null;
  started_at: number;
  ended_at: number | null;
  owner_pid: number | null;
  owner_started_at: number | null;
}

/** This process, as recorded on the runs it owns. */
export const processToken = { pid: process.pid, startedAt: Math.round(Date.now() - process.uptime() * 1000) };

/** Whether the process that owns a stored "running" row is still alive (another CodeConductor on this data folder). */
function ownerAlive(row: StoredRunRow): boolean {
  if (row.owner_pid == null) return false;
  if (row.owner_pid === processToken.pid) return row.owner_started_at === processToken.startedAt;
  return processAlive(row.owner_pid);
}

/**
 * The run log in SQLite. Every event is appended when it happens (not when the run ends), so a `kill -9`
 * loses nothing and an interrupted run can be listed and resumed.
 */
export class RunStore {
  private readonly appendStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.appendStmt = db.prepare("INSERT OR REPLACE INTO run_events (run_id, seq, event_json) VALUES (?, ?, ?)");
  }

  insert(summary: RunSummary, input: unknown): void {
    this.db
      .prepare("INSERT INTO runs (id, kind, status, input_json, started_at, owner_pid, owner_started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(summary.runId, summary.kind, summary.status, JSON.stringify(input ?? null), summary.startedAt, processToken.pid, processToken.startedAt);
  }

  /** Take over a stored run (resume): it is ours and running again. */
  claim(runId: string): void {
    this.db
      .prepare("UPDATE runs SET status = 'running', ended_at = NULL, error_json = NULL, owner_pid = ?, owner_started_at = ? WHERE id = ?")
      .run(processToken.pid, processToken.startedAt, runId);
  }

  append(event: RunEvent): void {
    this.appendStmt.run(event.runId, event.seq, JSON.stringify(event));
  }

  update(summary: RunSummary, result: unknown): void {
    this.db
      .prepare("UPDATE runs SET status = ?, title = ?, result_json = ?, error_json = ?, ended_at = ? WHERE id = ?")
      .run(
        summary.status,
        summary.title ?? null,
        result === undefined ? null : JSON.stringify(result),
        summary.error ? JSON.stringify(summary.error) : null,
        summary.endedAt ?? null,
        summary.runId,
      );
  }

  load(runId: string): { run: RunSummary; input: unknown; events: RunEvent[]; result?: unknown } | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as StoredRunRow | undefined;
    if (!row) return undefined;
    const events = (this.db.prepare("SELECT event_json FROM run_events WHERE run_id = ? ORDER BY seq").all(runId) as Array<{ event_json: string }>).map(
      (r) => JSON.parse(r.event_json) as RunEvent,
    );
    return {
      run: toSummary(row),
      input: row.input_json ? (JSON.parse(row.input_json) as unknown) : undefined,
      events,
      ...(row.result_json ? { result: JSON.parse(row.result_json) as unknown } : {}),
    };
  }

  list(limit: number, kind?: string): RunSummary[] {
    const rows = this.db
      .prepare(`SELECT * FROM runs ${kind ? "WHERE kind = ?" : ""} ORDER BY started_at DESC LIMIT ?`)
      .all(...(kind ? [kind, limit] : [limit])) as StoredRunRow[];
    return rows.map(toSummary);
  }

  /** Runs still marked running whose owning process is alive elsewhere (for a cross-process emergency stop). */
  liveElsewhere(): Array<{ runId: string; pid: number }> {
    const rows = this.db.prepare("SELECT * FROM runs WHERE status = 'running'").all() as StoredRunRow[];
    return rows.filter((r) => r.owner_pid !== processToken.pid && ownerAlive(r)).map((r) => ({ runId: r.id, pid: r.owner_pid! }));
  }
}

function toSummary(row: StoredRunRow): RunSummary {
  // A row still "running" whose process is gone was interrupted (kill -9, crash): say so, it may be resumable.
  const status: RunStatus = row.status === "running" && !ownerAlive(row) ? "interrupted" : row.status;
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
