import type Database from "better-sqlite3";
import type { PatternSummary } from "../../../shared/contract/learning.js";
import { PatternStore } from "../library/PatternStore.js";
import { queryWords } from "../library/ftsQuery.js";
import { searchPatterns, summaryOf } from "../library/searchPatterns.js";
import type { EmbeddingIndex } from "./EmbeddingIndex.js";
import { fuseRankings } from "./fuseRankings.js";

const STOP = new Set("a an and are as at be by can for from has have in into is it its of on or our please should so that the their then this to use using we when which will with without you your".split(" "));
const estimate = (s: string): number => Math.ceil(s.length / 4);

export interface SimilarSuccesses {
  patterns: PatternSummary[];
  /** Prompt section "Similar past solutions" within the budget; empty when nothing fits or matches. */
  text: string;
  /** Estimated tokens of `text` (~4 characters per token). */
  tokens: number;
  /** How candidates were found: BM25 only, or BM25 fused with embedding similarity. */
  retrieval: "bm25" | "bm25+embeddings";
}

export interface SimilarOptions {
  /** Embedding retrieval (config `learning.embeddingModel`); absent: BM25 only. */
  embeddings?: EmbeddingIndex;
  signal?: AbortSignal;
  /** Why embeddings were not used for this query (model missing, worker crashed…); BM25 still answers. */
  onEmbeddingProblem?(message: string): void;
}

/**
 * The k stored patterns most similar to a task, successful only: a pattern whose tests were not green, or that
 * the user gave a thumbs down, is never offered. Candidates come from BM25 over FTS5 (any of the task's words)
 * and, when an embedding model is configured, from the cosine similarity of task embeddings; the two rankings
 * are fused (reciprocal rank). Each is rendered (task + changed files) while it fits `tokenBudget`.
 */
export async function similarSuccesses(db: Database.Database, task: string, k = 3, tokenBudget = 1500, options: SimilarOptions = {}): Promise<SimilarSuccesses> {
  const words = queryWords(task).filter((w) => !STOP.has(w) && w.length > 1);
  const lexical = words.length ? searchPatterns(db, { query: words.join(" "), succeededOnly: true, sort: "relevance", limit: k * 4 }, "any").patterns : [];
  let semantic: Array<{ id: string }> = [];
  if (options.embeddings) {
    try {
      semantic = await options.embeddings.rank(task, k * 4, options.signal);
    } catch (e) {
      options.onEmbeddingProblem?.((e as Error).message);
    }
  }
  const retrieval = options.embeddings && semantic.length ? "bm25+embeddings" : "bm25";
  const store = new PatternStore(db, true);
  const byId = new Map(lexical.map((s) => [s.id, s]));
  const ranked = fuseRankings([lexical.map((s) => s.id), semantic.map((s) => s.id)]);
  const header = "## Similar past solutions (tests passed)";
  const parts: string[] = [];
  const used: PatternSummary[] = [];
  let tokens = estimate(header);
  for (const id of ranked) {
    if (used.length >= k) break;
    const p = store.get(id);
    if (!p.passed || p.feedback.thumbs === "down") continue;
    const files = p.files.map((f) => `### ${f.path} (${f.action})\n\`\`\`diff\n${f.diff}\n\`\`\``).join("\n");
    const block = `### Task: ${p.task.slice(0, 500)}\nReward ${p.reward?.toFixed(2) ?? "—"}, iteration ${p.iteration}\n${files}`;
    const cost = estimate(block) + 1;
    if (tokens + cost > tokenBudget) continue;
    parts.push(block);
    used.push(byId.get(id) ?? summaryOf(p));
    tokens += cost;
  }
  if (!parts.length) return { patterns: [], text: "", tokens: 0, retrieval };
  const text = [header, ...parts].join("\n\n");
  return { patterns: used, text, tokens: estimate(text), retrieval };
}
