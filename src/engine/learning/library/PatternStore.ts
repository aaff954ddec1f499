import type Database from "better-sqlite3";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { Pattern, type PatternFeedback } from "../../../shared/contract/learning.js";

/** FTS text of a pattern's code: paths, diffs and answer, capped so one huge answer cannot bloat the index. */
const CODE_CAP = 20_000;

function codeText(p: Pattern): string {
  const parts = p.files.map((f) => `${f.path}\n${f.diff}`);
  parts.push(p.answer);
  return parts.join("\n").slice(0, CODE_CAP);
}

/**
 * The pattern library's rows: one per distinct solution (content hash), the full pattern as JSON plus the
 * columns filters need, mirrored into an FTS5 index. Reads go through `searchPatterns`.
 */
export class PatternStore {
  constructor(
    readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  private writable(): void {
    if (this.readOnly) throw new AppError(ErrorCode.ReadOnly, "The database is read-only (opened by a newer version): patterns cannot change");
  }

  /** Insert unless a pattern with the same content hash or id exists. Returns whether it was inserted. */
  insert(p: Pattern): boolean {
    this.writable();
    const dup = this.db.prepare("SELECT 1 FROM learning_patterns WHERE content_hash = ? OR id = ?").get(p.contentHash, p.id);
    if (dup) return false;
    const r = this.db
      .prepare(
        `INSERT INTO learning_patterns (id, content_hash, task_type, reward, passed, iteration, run_id, models, tags, created_at, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.contentHash, p.taskType, p.reward, p.passed ? 1 : 0, p.iteration, p.runId, JSON.stringify(p.models), JSON.stringify(p.tags), p.createdAt, JSON.stringify(p));
    this.db.prepare("INSERT INTO learning_patterns_fts (rowid, task, prompt, code, tags) VALUES (?, ?, ?, ?, ?)").run(r.lastInsertRowid, p.task, p.prompt, codeText(p), p.tags.join(" "));
    return true;
  }

  has(contentHash: string): boolean {
    return !!this.db.prepare("SELECT 1 FROM learning_patterns WHERE content_hash = ?").get(contentHash);
  }

  get(id: string): Pattern {
    const row = this.db.prepare("SELECT body FROM learning_patterns WHERE id = ?").get(id) as { body: string } | undefined;
    if (!row) throw new AppError(ErrorCode.NotFound, `No pattern ${id}`);
    return Pattern.parse(JSON.parse(row.body));
  }

  /** Every pattern (or those with the given ids), oldest first. */
  all(ids?: string[]): Pattern[] {
    const rows = this.db.prepare("SELECT id, body FROM learning_patterns ORDER BY created_at, rowid").all() as Array<{ id: string; body: string }>;
    const want = ids ? new Set(ids) : null;
    return rows.filter((r) => !want || want.has(r.id)).map((r) => Pattern.parse(JSON.parse(r.body)));
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM learning_patterns").get() as { n: number }).n;
  }

  delete(id: string): boolean {
    this.writable();
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT rowid FROM learning_patterns WHERE id = ?").get(id) as { rowid: number } | undefined;
      if (!row) return false;
      this.db.prepare("DELETE FROM learning_patterns_fts WHERE rowid = ?").run(row.rowid);
      this.db.prepare("DELETE FROM learning_patterns WHERE rowid = ?").run(row.rowid);
      return true;
    })();
  }

  /** Rewrite one pattern (tags, feedback) and its index row. */
  private update(p: Pattern): void {
    this.writable();
    const row = this.db.prepare("SELECT rowid FROM learning_patterns WHERE id = ?").get(p.id) as { rowid: number };
    this.db.prepare("UPDATE learning_patterns SET tags = ?, body = ? WHERE rowid = ?").run(JSON.stringify(p.tags), JSON.stringify(p), row.rowid);
    this.db.prepare("UPDATE learning_patterns_fts SET tags = ? WHERE rowid = ?").run(p.tags.join(" "), row.rowid);
  }

  tag(id: string, add: string[] = [], remove: string[] = []): string[] {
    return this.db.transaction(() => {
      const p = this.get(id);
      const tags = [...new Set([...p.tags.filter((t) => !remove.includes(t)), ...add.map((t) => t.trim()).filter(Boolean)])];
      if (tags.length > 50) throw new AppError(ErrorCode.InvalidInput, "A pattern has at most 50 tags");
      this.update({ ...p, tags, updatedAt: Date.now() });
      return tags;
    })();
  }

  setFeedback(id: string, feedback: PatternFeedback): Pattern {
    const p = { ...this.get(id), feedback, updatedAt: Date.now() };
    this.update(p);
    return p;
  }

  idsOfRun(runId: string): string[] {
    return (this.db.prepare("SELECT id FROM learning_patterns WHERE run_id = ?").all(runId) as Array<{ id: string }>).map((r) => r.id);
  }
}
