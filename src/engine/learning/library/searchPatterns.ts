import type Database from "better-sqlite3";
import { Pattern, PatternQuery, type PatternSummary } from "../../../shared/contract/learning.js";
import { ftsQuery } from "./ftsQuery.js";

/**
 * A broad query (a word in most patterns) is ranked over its newest CANDIDATE_CAP matches only: BM25 is
 * computed per matching row, so ranking every match of 100,000 patterns would cost tens of ms.
 */
export const CANDIDATE_CAP = 1000;

export interface SearchResult {
  patterns: PatternSummary[];
  /** Matches found (with a query: at most CANDIDATE_CAP). */
  total: number;
  /** True when a query had more matches than were ranked. */
  capped: boolean;
}

interface Row {
  rowid: number;
  id: string;
  reward: number | null;
  iteration: number;
  created_at: number;
  score: number | null;
  body?: string;
}

function filterSql(q: PatternQuery): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.minReward !== undefined) {
    where.push("p.reward >= ?");
    args.push(q.minReward);
  }
  if (q.maxReward !== undefined) {
    where.push("p.reward <= ?");
    args.push(q.maxReward);
  }
  if (q.taskType) {
    where.push("p.task_type = ?");
    args.push(q.taskType);
  }
  if (q.model) {
    where.push("instr(p.models, ?) > 0");
    args.push(q.model);
  }
  if (q.from !== undefined) {
    where.push("p.created_at >= ?");
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push("p.created_at <= ?");
    args.push(q.to);
  }
  if (q.tag) {
    where.push("instr(p.tags, ?) > 0");
    args.push(JSON.stringify(q.tag));
  }
  if (q.succeededOnly) where.push("p.passed = 1");
  return { where, args };
}

const SORTS: Record<string, (a: Row, b: Row) => number> = {
  relevance: (a, b) => (a.score ?? 0) - (b.score ?? 0) || b.rowid - a.rowid,
  newest: (a, b) => b.created_at - a.created_at || b.rowid - a.rowid,
  oldest: (a, b) => a.created_at - b.created_at || a.rowid - b.rowid,
  reward: (a, b) => (b.reward ?? -1) - (a.reward ?? -1) || b.rowid - a.rowid,
  iterations: (a, b) => a.iteration - b.iteration || b.rowid - a.rowid,
};
const ORDER_SQL: Record<string, string> = {
  newest: "p.created_at DESC, p.rowid DESC",
  relevance: "p.created_at DESC, p.rowid DESC",
  oldest: "p.created_at ASC, p.rowid ASC",
  reward: "p.reward IS NULL, p.reward DESC, p.rowid DESC",
  iterations: "p.iteration ASC, p.rowid DESC",
};

function summarize(db: Database.Database, row: Row, match: string | null): PatternSummary {
  const body = row.body ?? (db.prepare("SELECT body FROM learning_patterns WHERE rowid = ?").get(row.rowid) as { body: string }).body;
  const p = Pattern.parse(JSON.parse(body));
  let snippet: string | null = null;
  if (match) {
    const s = db.prepare("SELECT snippet(learning_patterns_fts, -1, '[', ']', '…', 12) AS s FROM learning_patterns_fts WHERE learning_patterns_fts MATCH ? AND rowid = ?").get(match, row.rowid) as { s: string } | undefined;
    snippet = s?.s ?? null;
  }
  return {
    id: p.id,
    task: p.task,
    taskType: p.taskType,
    project: p.project,
    reward: p.reward,
    passed: p.passed,
    models: p.models,
    iteration: p.iteration,
    tags: p.tags,
    createdAt: p.createdAt,
    feedback: p.feedback,
    fileCount: p.files.length,
    score: row.score,
    snippet,
  };
}

/**
 * Search (BM25 over task, prompt, code and tags; all words must match) or list the library with filters,
 * sort and paging. `mode: "any"` matches any word (retrieval of similar tasks).
 */
export function searchPatterns(db: Database.Database, input: PatternQuery, mode: "all" | "any" = "all"): SearchResult {
  const q = PatternQuery.parse(input);
  const match = q.query ? ftsQuery(q.query, mode) : null;
  const { where, args } = filterSql(q);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const sort = q.sort ?? (match ? "relevance" : "newest");
  const cols = "p.rowid AS rowid, p.id, p.reward, p.iteration, p.created_at, p.body";
  if (!match) {
    if (q.query) return { patterns: [], total: 0, capped: false };
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM learning_patterns p ${w}`).get(...args) as { n: number }).n;
    const rows = db.prepare(`SELECT ${cols}, NULL AS score FROM learning_patterns p ${w} ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`).all(...args, limit, offset) as Row[];
    return { patterns: rows.map((r) => summarize(db, r, null)), total, capped: false };
  }
  // Newest matches first (FTS5 walks rowids backwards cheaply), ranked in JS: bounded work for broad words.
  const rows = db
    .prepare(
      `SELECT p.rowid AS rowid, p.reward, p.iteration, p.created_at, bm25(learning_patterns_fts, 4.0, 1.0, 1.0, 2.0) AS score
       FROM learning_patterns_fts f JOIN learning_patterns p ON p.rowid = f.rowid
       WHERE learning_patterns_fts MATCH ? ${where.length ? `AND ${where.join(" AND ")}` : ""}
       ORDER BY f.rowid DESC LIMIT ?`,
    )
    .all(match, ...args, CANDIDATE_CAP + 1) as Row[];
  const capped = rows.length > CANDIDATE_CAP;
  if (capped) rows.pop();
  rows.sort(SORTS[sort]);
  return { patterns: rows.slice(offset, offset + limit).map((r) => summarize(db, r, match)), total: rows.length, capped };
}
