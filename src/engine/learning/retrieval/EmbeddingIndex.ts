import type Database from "better-sqlite3";

/** Embeds texts with the configured model (the models capability's `models.embed`). */
export type EmbedFn = (texts: string[], signal?: AbortSignal) => Promise<{ modelId: string; vectors: number[][] }>;

/**
 * Patterns embedded per retrieval at most, in one call: a query waits for one small batch, never for the whole
 * library (a large library imported at once catches up over the next queries).
 */
const BACKFILL_PER_QUERY = 32;

const toBlob = (v: number[]): Buffer => Buffer.from(new Float32Array(v).buffer);
const fromBlob = (b: Buffer): Float32Array => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -1;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : -1;
}

/**
 * Embeddings of successful patterns' tasks, per embedding model, in `learning_embeddings`. Updated
 * incrementally: each query first embeds (a bounded number of) successful patterns that have no vector for the
 * model yet, so a library imported or grown while embeddings were off catches up with use.
 */
export class EmbeddingIndex {
  constructor(
    private readonly db: Database.Database,
    private readonly embed: EmbedFn,
    private readonly readOnly: boolean,
  ) {}

  /** Successful patterns ranked by cosine similarity of their task to `task`, best first. */
  async rank(task: string, limit: number, signal?: AbortSignal): Promise<Array<{ id: string; score: number }>> {
    const query = await this.embed([task], signal);
    const model = query.modelId;
    if (!this.readOnly) await this.backfill(model, signal);
    const rows = this.db
      .prepare(
        `SELECT e.pattern_id AS id, e.vector AS vector FROM learning_embeddings e JOIN learning_patterns p ON p.id = e.pattern_id
         WHERE e.model = ? AND p.passed = 1`,
      )
      .all(model) as Array<{ id: string; vector: Buffer }>;
    const q = query.vectors[0]!;
    return rows
      .map((r) => ({ id: r.id, score: cosine(q, fromBlob(r.vector)) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  private async backfill(model: string, signal?: AbortSignal): Promise<void> {
    const missing = this.db
      .prepare(
        `SELECT p.id AS id, json_extract(p.body, '$.task') AS task FROM learning_patterns p
         WHERE p.passed = 1 AND NOT EXISTS (SELECT 1 FROM learning_embeddings e WHERE e.pattern_id = p.id AND e.model = ?)
         ORDER BY p.created_at DESC LIMIT ?`,
      )
      .all(model, BACKFILL_PER_QUERY) as Array<{ id: string; task: string | null }>;
    if (!missing.length) return;
    const r = await this.embed(missing.map((m) => m.task ?? ""), signal);
    // A pattern deleted while its vector was computed is skipped, not a foreign-key error.
    const insert = this.db.prepare(
      "INSERT OR REPLACE INTO learning_embeddings (pattern_id, model, vector) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM learning_patterns WHERE id = ?)",
    );
    this.db.transaction(() => missing.forEach((m, k) => insert.run(m.id, model, toBlob(r.vectors[k]!), m.id)))();
  }
}
