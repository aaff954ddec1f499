import type { NgramProfile } from "./ngramProfile.js";

/** Numerator used for an n-gram order with no match (NLTK's smoothing "method1", as the CodeBLEU reference code uses). */
export const BLEU_EPSILON = 0.1;

/** Clipped matches of `hyp` n-grams in `ref`: Σ min(count_hyp, count_ref). */
export function clippedMatches(hyp: Map<string, number>, ref: Map<string, number>): number {
  let m = 0;
  const [small, large] = hyp.size <= ref.size ? [hyp, ref] : [ref, hyp];
  for (const [k, c] of small) {
    const o = large.get(k);
    if (o) m += Math.min(c, o);
  }
  return m;
}

/** exp(1 − r/c) when the hypothesis is shorter than the reference, else 1; 0 for an empty hypothesis. */
export function brevityPenalty(hypLength: number, refLength: number): number {
  if (hypLength === 0) return 0;
  return hypLength > refLength ? 1 : Math.exp(1 - refLength / hypLength);
}

/**
 * Sentence BLEU-4 of a hypothesis against one reference: brevity penalty × geometric mean of the modified
 * 1–4-gram precisions (uniform weights), with orders that match nothing smoothed to ε/total (ε = 0.1).
 */
export function bleu4(hyp: NgramProfile, ref: NgramProfile): number {
  if (hyp.length === 0 || ref.length === 0) return 0;
  if (clippedMatches(hyp.counts[0]!, ref.counts[0]!) === 0) return 0;
  let logSum = 0;
  for (let n = 0; n < 4; n++) {
    const total = Math.max(0, hyp.length - n);
    if (total === 0) return 0;
    const m = clippedMatches(hyp.counts[n]!, ref.counts[n]!);
    logSum += 0.25 * Math.log((m === 0 ? BLEU_EPSILON : m) / total);
  }
  return brevityPenalty(hyp.length, ref.length) * Math.exp(logSum);
}
