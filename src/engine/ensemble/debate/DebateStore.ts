import type Database from "better-sqlite3";
import type { DebateTurn } from "../../../shared/contract/ensemble.js";

interface Row {
  round: number;
  agent: string;
  model_id: string;
  status: DebateTurn["status"];
  content: string;
  error: string | null;
  elapsed_ms: number;
}

/** Debate transcripts in SQLite, one row per turn, keyed by run. Writes are skipped on a read-only database. */
export class DebateStore {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  save(runId: string, turn: DebateTurn): void {
    if (this.readOnly) return;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO ensemble_debate_turns (run_id, round, agent, model_id, status, content, error, elapsed_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, turn.round, turn.agent, turn.modelId, turn.status, turn.content, turn.error ?? null, Math.round(turn.elapsedMs), Date.now());
  }

  /** Turns of one run in debate order (round, then the order they were stored in). */
  list(runId: string): DebateTurn[] {
    const rows = this.db.prepare("SELECT * FROM ensemble_debate_turns WHERE run_id = ? ORDER BY round, rowid").all(runId) as Row[];
    return rows.map((r) => ({
      round: r.round,
      agent: r.agent,
      modelId: r.model_id,
      status: r.status,
      content: r.content,
      ...(r.error ? { error: r.error } : {}),
      elapsedMs: r.elapsed_ms,
    }));
  }
}
