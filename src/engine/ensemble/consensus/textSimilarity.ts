import { normalizeText } from "./normalizeText.js";

// Words too common to signal agreement; kept short on purpose.
const STOP = new Set(["a", "an", "the", "to", "of", "and", "or", "for", "in", "on", "with", "by", "is", "be", "it", "that", "this", "as", "at"]);

function tokenSet(s: string): Set<string> {
  return new Set(normalizeText(s).split(" ").filter((t) => t && !STOP.has(t)));
}

/**
 * Fuzzy similarity of two short texts in [0, 1]: 1 when they normalise to the same string, else the Jaccard
 * overlap of their word sets (stop words ignored). "Add input validation" vs "validate the input" → 1/4.
 */
export function textSimilarity(a: string, b: string): number {
  const na = normalizeText(a);
  const nb = normalizeText(b);
  if (na === nb) return 1;
  const sa = tokenSet(a);
  const sb = tokenSet(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let inter = 0;
  for (const t of sa) if (sb.has(t)) inter++;
  return inter / (sa.size + sb.size - inter);
}
