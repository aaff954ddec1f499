import type Database from "better-sqlite3";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";

/** Deleting and pruning stored runs (the run log itself is written by the RunManager). */
export class RunHistory {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  /** Delete a finished run and its events. A running run cannot be deleted (stop it first). */
  delete(runId: string, isLive: (id: string) => boolean): boolean {
    if (this.readOnly) throw new AppError(ErrorCode.ReadOnly, "The database is read-only (opened by a newer version).");
    if (isLive(runId)) throw new AppError(ErrorCode.Conflict, `Run ${runId} is still running: stop it before deleting it.`);
    const tx = this.db.transaction(() => {
      this.db.prepare("DELETE FROM run_events WHERE run_id = ?").run(runId);
      return this.db.prepare("DELETE FROM runs WHERE id = ?").run(runId).changes > 0;
    });
    return tx();
  }

  /** Keep the newest `keep` finished runs (0 keeps all). Returns how many were deleted. */
  prune(keep: number): number {
    if (this.readOnly || keep <= 0) return 0;
    const old = this.db
      .prepare("SELECT id FROM runs WHERE status NOT IN ('running') ORDER BY started_at DESC LIMIT -1 OFFSET ?")
      .all(keep) as Array<{ id: string }>;
    const tx = this.db.transaction(() => {
      for (const { id } of old) {
        this.db.prepare("DELETE FROM run_events WHERE run_id = ?").run(id);
        this.db.prepare("DELETE FROM runs WHERE id = ?").run(id);
      }
    });
    tx();
    return old.length;
  }
}
