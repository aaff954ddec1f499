import { brevityPenalty } from "./bleu4.js";
import type { NgramProfile } from "./ngramProfile.js";

/** Weight of a non-keyword token; keywords weigh 1 (CodeBLEU: keywords count five times as much). */
export const NON_KEYWORD_WEIGHT = 0.2;

/**
 * CodeBLEU's keyword-weighted unigram match (the paper applies the weights to unigrams only):
 * BP × Σ_t w(t)·min(c_hyp(t), c_ref(t)) / Σ_t w(t)·c_ref(t), with w = 1 for keywords and 0.2 otherwise.
 * The denominator counts the reference, as the reference implementation does.
 */
export function weightedUnigram(hyp: NgramProfile, ref: NgramProfile, keywords: ReadonlySet<string>): number {
  if (hyp.length === 0 || ref.length === 0) return 0;
  const w = (t: string): number => (keywords.has(t) ? 1 : NON_KEYWORD_WEIGHT);
  const h = hyp.counts[0]!;
  let num = 0;
  let den = 0;
  for (const [t, c] of ref.counts[0]!) {
    const wt = w(t);
    den += wt * c;
    const hc = h.get(t);
    if (hc) num += wt * Math.min(c, hc);
  }
  return den === 0 ? 0 : brevityPenalty(hyp.length, ref.length) * (num / den);
}
