/** Token counts of one code snippet, precomputed once so a whole score matrix reuses them. */
export interface NgramProfile {
  length: number;
  /** counts[n-1]: n-gram → count, for n = 1…4. */
  counts: Array<Map<string, number>>;
}

const SEP = "\u0001";

/** Count the 1- to 4-grams of `tokens`. */
export function ngramProfile(tokens: readonly string[]): NgramProfile {
  const counts: Array<Map<string, number>> = [new Map(), new Map(), new Map(), new Map()];
  for (let i = 0; i < tokens.length; i++) {
    // Extend the key one token at a time instead of slicing and joining per order.
    let key = tokens[i]!;
    for (let n = 0; n < 4 && i + n < tokens.length; n++) {
      if (n > 0) key += SEP + tokens[i + n]!;
      const m = counts[n]!;
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return { length: tokens.length, counts };
}
