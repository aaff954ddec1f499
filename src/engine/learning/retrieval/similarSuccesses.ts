import type Database from "better-sqlite3";
import type { PatternSummary } from "../../../shared/contract/learning.js";
import { PatternStore } from "../library/PatternStore.js";
import { queryWords } from "../library/ftsQuery.js";
import { searchPatterns } from "../library/searchPatterns.js";

const STOP = new Set("a an and are as at be by can for from has have in into is it its of on or our please should so that the their then this to use using we when which will with without you your".split(" "));
const estimate = (s: string): number => Math.ceil(s.length / 4);

export interface SimilarSuccesses {
  patterns: PatternSummary[];
  /** Prompt section "Similar past solutions" within the budget; empty when nothing fits or matches. */
  text: string;
  /** Estimated tokens of `text` (~4 characters per token). */
  tokens: number;
}

/**
 * The k stored patterns most similar to a task (BM25 over FTS5, any of its words), successful only: a
 * pattern whose tests were not green, or that the user gave a thumbs down, is never offered. Each is
 * rendered (task + changed files) while it fits `tokenBudget`.
 */
export function similarSuccesses(db: Database.Database, task: string, k = 3, tokenBudget = 1500): SimilarSuccesses {
  const words = queryWords(task).filter((w) => !STOP.has(w) && w.length > 1);
  if (!words.length) return { patterns: [], text: "", tokens: 0 };
  const found = searchPatterns(db, { query: words.join(" "), succeededOnly: true, sort: "relevance", limit: k * 2 }, "any").patterns.filter((p) => p.passed && p.feedback.thumbs !== "down");
  const store = new PatternStore(db, true);
  const header = "## Similar past solutions (tests passed)";
  const parts: string[] = [];
  const used: PatternSummary[] = [];
  let tokens = estimate(header);
  for (const s of found.slice(0, k)) {
    const p = store.get(s.id);
    const files = p.files.map((f) => `### ${f.path} (${f.action})\n\`\`\`diff\n${f.diff}\n\`\`\``).join("\n");
    const block = `### Task: ${p.task.slice(0, 500)}\nReward ${p.reward?.toFixed(2) ?? "—"}, iteration ${p.iteration}\n${files}`;
    const cost = estimate(block) + 1;
    if (tokens + cost > tokenBudget) continue;
    parts.push(block);
    used.push(s);
    tokens += cost;
  }
  if (!parts.length) return { patterns: [], text: "", tokens: 0 };
  const text = [header, ...parts].join("\n\n");
  return { patterns: used, text, tokens: estimate(text) };
}
