import type Database from "better-sqlite3";
import { cachedStatement } from "./cachedStatement.js";

/**
 * At most this many matches are ranked. FTS5's bm25() first counts every document holding each query word
 * (for its IDF), so a word found in most of 100,000 patterns costs ~10 ms per query whatever the LIMIT.
 * Reading the text of a candidate costs ~5 µs, which bounds the cap for broad queries.
 * Hence words are split by how many patterns hold them (counted up to the cap, newest first, which FTS5
 * walks lazily): rare words are matched and ranked by bm25(); common words only filter those matches
 * (they add almost nothing to BM25 anyway). With no rare word the query is broad: its newest CAP matches
 * are ranked by BM25 computed here over task and tags, with IDFs estimated from the match density.
 */
export const CANDIDATE_CAP = 200;

export interface Ranked {
  rowid: number;
  /** BM25 as SQLite reports it: lower (more negative) is better. */
  score: number;
}

const FTS = "learning_patterns_fts";
const quote = (w: string): string => `"${w}"`;

/** How many patterns hold the word: exact up to the cap, else estimated from how densely the newest matches sit. */
function documentFrequency(db: Database.Database, word: string, total: number): number {
  const rows = cachedStatement(db, `SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ? ORDER BY rowid DESC LIMIT ?`).pluck().all(quote(word), CANDIDATE_CAP + 1) as number[];
  if (rows.length <= CANDIDATE_CAP) return rows.length;
  const span = rows[0]! - rows.at(-1)! + 1;
  return Math.min(total, Math.round((rows.length / span) * total));
}

const K1 = 1.2;
const B = 0.75;

/** BM25 over task + tags (tags count twice), prefix-matching words so plurals and -ing forms count. */
function scoreHere(texts: Array<{ rowid: number; text: string }>, words: Array<{ word: string; idf: number }>): Ranked[] {
  const docs = texts.map((t) => ({ rowid: t.rowid, tokens: t.text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [] }));
  const avg = docs.reduce((a, d) => a + d.tokens.length, 0) / Math.max(1, docs.length) || 1;
  return docs.map((d) => {
    let s = 0;
    for (const { word, idf } of words) {
      const tf = d.tokens.filter((t) => t.startsWith(word)).length;
      if (tf) s += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.tokens.length) / avg));
    }
    return { rowid: d.rowid, score: -s };
  });
}

/**
 * The matches of `words` (all of them, or any) that pass the SQL filters, ranked, at most CANDIDATE_CAP;
 * `capped` when more matched. `filter` is SQL over `p` (learning_patterns) with its arguments.
 */
export function rankMatches(db: Database.Database, words: string[], mode: "all" | "any", filter: { where: string[]; args: unknown[] }): { rows: Ranked[]; capped: boolean } {
  const total = (cachedStatement(db, "SELECT MAX(rowid) FROM learning_patterns").pluck().get() as number | null) ?? 0;
  const df = new Map(words.map((w) => [w, documentFrequency(db, w, total)]));
  if (mode === "all" && [...df.values()].some((n) => n === 0)) return { rows: [], capped: false };
  const rare = words.filter((w) => df.get(w)! > 0 && df.get(w)! <= CANDIDATE_CAP);
  const common = words.filter((w) => df.get(w)! > CANDIDATE_CAP);
  const join = `JOIN learning_patterns p ON p.rowid = f.rowid`;
  const extra = filter.where.length ? `AND ${filter.where.join(" AND ")}` : "";
  if (rare.length) {
    const rows = cachedStatement(
        db,
        `SELECT f.rowid AS rowid, bm25(${FTS}, 4.0, 1.0, 1.0, 2.0) AS score FROM ${FTS} f ${join} WHERE ${FTS} MATCH ? ${extra} ORDER BY f.rowid DESC LIMIT ?`)
      .all(rare.map(quote).join(mode === "all" ? " " : " OR "), ...filter.args, CANDIDATE_CAP + 1) as Ranked[];
    const capped = rows.length > CANDIDATE_CAP;
    if (capped) rows.pop();
    if (mode === "any" || !common.length || !rows.length) return { rows, capped };
    // The rowid list differs every time: prepared once, not cached.
    const keep = new Set(db.prepare(`SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ? AND rowid IN (${rows.map((r) => r.rowid).join(",")})`).pluck().all(common.map(quote).join(" ")) as number[]);
    return { rows: rows.filter((r) => keep.has(r.rowid)), capped };
  }
  const texts = cachedStatement(
      db,
      `SELECT f.rowid AS rowid, f.task || ' ' || f.tags || ' ' || f.tags AS text FROM ${FTS} f ${join} WHERE ${FTS} MATCH ? ${extra} ORDER BY f.rowid DESC LIMIT ?`)
    .all(words.map(quote).join(mode === "all" ? " " : " OR "), ...filter.args, CANDIDATE_CAP + 1) as Array<{ rowid: number; text: string }>;
  const capped = texts.length > CANDIDATE_CAP;
  if (capped) texts.pop();
  const idf = words.map((word) => ({ word, idf: Math.log(1 + (total - df.get(word)! + 0.5) / (df.get(word)! + 0.5)) }));
  return { rows: scoreHere(texts, idf), capped };
}
