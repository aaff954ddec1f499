import type { ClosestLines } from "../../../shared/contract/verify.js";

/** Files longer than this are not searched for a closest match (the failure still says what did not match). */
const MAX_LINES = 50_000;
const MAX_TEXT = 1_500;

/** Character bigrams of one line, whitespace runs collapsed (indentation changes cost little). */
function bigrams(line: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = line.replace(/\s+/g, " ").trim();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/**
 * The window of `fileLines` most like `search` (Aider's "did you mean these lines?"): windows of the same length ±1
 * line, scored by the Dice coefficient of their character bigrams (1 = the same text). Windows slide with running
 * counts, so a long file costs one pass per window length. Undefined for an empty search or file, a file too long to
 * scan, or a best score under `minSimilarity`.
 */
export function closestLines(fileLines: string[], search: string, minSimilarity = 0.3): ClosestLines | undefined {
  const needle = search.replace(/\n$/, "").split("\n");
  if (!search.trim() || !fileLines.length || fileLines.length > MAX_LINES) return undefined;
  const want = new Map<string, number>();
  let wantSize = 0;
  for (const l of needle) {
    for (const [g, n] of bigrams(l)) {
      want.set(g, (want.get(g) ?? 0) + n);
      wantSize += n;
    }
  }
  const lineGrams = fileLines.map(bigrams);
  const lineSize = lineGrams.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  let best: { start: number; len: number; score: number } | null = null;
  for (const len of new Set([needle.length, Math.max(1, needle.length - 1), needle.length + 1].map((n) => Math.min(n, fileLines.length)))) {
    const have = new Map<string, number>();
    let shared = 0;
    let size = 0;
    const add = (i: number, sign: 1 | -1): void => {
      for (const [g, n] of lineGrams[i]!) {
        const before = have.get(g) ?? 0;
        const after = before + sign * n;
        const cap = want.get(g) ?? 0;
        shared += Math.min(after, cap) - Math.min(before, cap);
        have.set(g, after);
      }
      size += sign * lineSize[i]!;
    };
    for (let i = 0; i < fileLines.length; i++) {
      add(i, 1);
      if (i >= len) add(i - len, -1);
      if (i < len - 1) continue;
      const score = wantSize + size === 0 ? 1 : (2 * shared) / (wantSize + size);
      if (!best || score > best.score) best = { start: i - len + 1, len, score };
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
