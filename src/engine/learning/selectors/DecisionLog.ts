import type Database from "better-sqlite3";
import { SelectionDecision } from "../../../shared/contract/learning.js";

/** The selector's decisions, newest kept (the Learning view shows the last ones with their reasons). */
export class DecisionLog {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
    private readonly keep = 500,
  ) {}

  add(d: SelectionDecision): void {
    if (this.readOnly) return;
    this.db.prepare("INSERT OR REPLACE INTO learning_decisions (id, at, body) VALUES (?, ?, ?)").run(d.id, d.at, JSON.stringify(d));
    this.db.prepare("DELETE FROM learning_decisions WHERE id NOT IN (SELECT id FROM learning_decisions ORDER BY at DESC LIMIT ?)").run(this.keep);
  }

  recent(limit = 20): SelectionDecision[] {
    const rows = this.db.prepare("SELECT body FROM learning_decisions ORDER BY at DESC LIMIT ?").all(limit) as Array<{ body: string }>;
    return rows.map((r) => SelectionDecision.parse(JSON.parse(r.body)));
  }
}
