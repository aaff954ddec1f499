import type Database from "better-sqlite3";
import { AttemptRecord } from "../../shared/contract/conductor.js";

/** Finished attempts of loop runs, one row each (the pattern library indexes them). */
export class AttemptStore {
  constructor(private readonly db: Database.Database | null) {}

  save(a: AttemptRecord): void {
    this.db
      ?.prepare(
        "INSERT OR REPLACE INTO conductor_attempts (id, run_id, prompt_id, iteration, project, passed, reward, started_at, ended_at, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(a.id, a.runId, a.promptId, a.iteration, a.project, a.passed ? 1 : 0, a.reward?.reward ?? null, a.startedAt, a.endedAt, JSON.stringify(a));
  }

  list(options: { runId?: string; limit?: number } = {}): AttemptRecord[] {
    if (!this.db) return [];
    const rows = (
      options.runId
        ? this.db.prepare("SELECT record_json FROM conductor_attempts WHERE run_id = ? ORDER BY iteration DESC LIMIT ?").all(options.runId, options.limit ?? 100)
        : this.db.prepare("SELECT record_json FROM conductor_attempts ORDER BY ended_at DESC LIMIT ?").all(options.limit ?? 100)
    ) as Array<{ record_json: string }>;
    // A row that no longer parses (hand-edited, older build) is skipped rather than failing the list.
    return rows.flatMap((r) => {
      const parsed = AttemptRecord.safeParse(JSON.parse(r.record_json));
      return parsed.success ? [parsed.data] : [];
    });
  }
}
