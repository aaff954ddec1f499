import type { ClosestLines } from "../../../shared/contract/verify.js";

/** Files longer than this are not searched for a closest match (the failure still says what did not match). */
const MAX_LINES = 20_000;
const MAX_TEXT = 1_500;

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = s.replace(/\s+/g, " ").trim();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character bigrams (whitespace runs collapsed): 1 for equal texts, 0 for nothing shared. */
function similarity(a: Map<string, number>, aSize: number, window: string[]): number {
  const b = bigrams(window.join("\n"));
  let bSize = 0;
  let shared = 0;
  for (const [g, n] of b) {
    bSize += n;
    shared += Math.min(n, a.get(g) ?? 0);
  }
  return aSize + bSize === 0 ? 1 : (2 * shared) / (aSize + bSize);
}

/**
 * The window of `fileLines` most like `search` (Aider's "did you mean these lines?"): windows of the same length
 * ±1 line, scored by bigram similarity. Undefined for an empty search or file, or a file too long to scan.
 */
export function closestLines(fileLines: string[], search: string, minSimilarity = 0.3): ClosestLines | undefined {
  const needle = search.replace(/\n$/, "").split("\n");
  if (!search.trim() || !fileLines.length || fileLines.length > MAX_LINES) return undefined;
  const a = bigrams(needle.join("\n"));
  let aSize = 0;
  for (const n of a.values()) aSize += n;
  let best: { start: number; len: number; score: number } | null = null;
  for (const len of new Set([needle.length, Math.max(1, needle.length - 1), needle.length + 1])) {
    for (let start = 0; start + len <= fileLines.length || (start === 0 && len > fileLines.length); start++) {
      const window = fileLines.slice(start, start + len);
      const score = similarity(a, aSize, window);
      if (!best || score > best.score) best = { start, len: window.length, score };
      if (len > fileLines.length) break;
    }
  }
  if (!best || best.score < minSimilarity) return undefined;
  const text = fileLines.slice(best.start, best.start + best.len).join("\n");
  return {
    startLine: best.start + 1,
    endLine: best.start + best.len,
    similarity: Math.round(best.score * 100) / 100,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
  };
}
