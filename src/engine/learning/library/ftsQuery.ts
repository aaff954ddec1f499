/** The words of a free-text query, lower-cased, without FTS5 syntax characters. At most 32. */
export function queryWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, 32);
}

/**
 * A safe FTS5 MATCH expression for user text: every word quoted (so `AND`, `NEAR`, `*`, `:` and quotes in
 * the input are plain words, never syntax), joined by AND (`all`) or OR (`any`). Null when no word is left.
 */
export function ftsQuery(text: string, mode: "all" | "any" = "all"): string | null {
  const words = queryWords(text);
  if (!words.length) return null;
  return words.map((w) => `"${w}"`).join(mode === "all" ? " " : " OR ");
}
