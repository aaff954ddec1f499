import type Database from "better-sqlite3";
import { cachedStatement } from "./cachedStatement.js";
import { PatternQuery, type Pattern, type PatternSummary } from "../../../shared/contract/learning.js";
import { ftsQuery, queryWords } from "./ftsQuery.js";
import { rankMatches } from "./rankMatches.js";

export { CANDIDATE_CAP } from "./rankMatches.js";

export interface SearchResult {
  patterns: PatternSummary[];
  /** Matches found (with a query: at most CANDIDATE_CAP). */
  total: number;
  /** True when a query had more matches than were ranked. */
  capped: boolean;
}

interface Row {
  rowid: number;
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
  const body = row.body ?? (cachedStatement(db, "SELECT body FROM learning_patterns WHERE rowid = ?").get(row.rowid) as { body: string }).body;
  // Stored bodies were validated on the way in; a zod parse here would cost ~0.4 ms per row.
  const p = JSON.parse(body) as Pattern;
  let snippet: string | null = null;
  if (match) {
    const s = cachedStatement(db, "SELECT snippet(learning_patterns_fts, -1, '[', ']', '…', 12) AS s FROM learning_patterns_fts WHERE learning_patterns_fts MATCH ? AND rowid = ?").get(match, row.rowid) as { s: string } | undefined;
    snippet = s?.s ?? null;
  }
  return summaryOf(p, row.score, snippet);
}

/** A stored pattern as the library lists it; `score` and `snippet` come from a search (null otherwise). */
export function summaryOf(p: Pattern, score: number | null = null, snippet: string | null = null): PatternSummary {
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
    score,
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
  const cols = "p.rowid AS rowid, p.reward, p.iteration, p.created_at, p.body";
  if (!match) {
    if (q.query) return { patterns: [], total: 0, capped: false };
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const total = (cachedStatement(db, `SELECT COUNT(*) AS n FROM learning_patterns p ${w}`).get(...args) as { n: number }).n;
    const rows = cachedStatement(db, `SELECT ${cols}, NULL AS score FROM learning_patterns p ${w} ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`).all(...args, limit, offset) as Row[];
    return { patterns: rows.map((r) => summarize(db, r, null)), total, capped: false };
  }
  const ranked = rankMatches(db, queryWords(q.query!), mode, { where, args });
  const info = cachedStatement(db, "SELECT reward, iteration, created_at FROM learning_patterns WHERE rowid = ?");
  // Reward, iteration and date are only needed to sort by them.
  const rows: Row[] = ranked.rows.map((r) => ({ rowid: r.rowid, score: r.score, ...(sort === "relevance" ? { reward: null, iteration: 0, created_at: 0 } : (info.get(r.rowid) as Omit<Row, "rowid" | "score">)) }));
  const capped = ranked.capped;
  rows.sort(SORTS[sort]);
  return { patterns: rows.slice(offset, offset + limit).map((r) => summarize(db, r, match)), total: rows.length, capped };
}
