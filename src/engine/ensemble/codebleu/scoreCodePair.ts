import { bleu4, clippedMatches } from "./bleu4.js";
import type { CodeFeatures } from "./codeFeatures.js";
import { weightedUnigram } from "./weightedUnigram.js";

export interface CodeBleuScore {
  ngram: number;
  weighted: number;
  /** null when the language could not be parsed. */
  ast: number | null;
  dataflow: number | null;
  /** Weighted sum over the available components, weights renormalised over them. */
  score: number;
}

/** Clipped matches over the reference total; two empty multisets match fully, an empty reference against a non-empty candidate not at all. */
function matchRatio<K>(hyp: Map<K, number>, ref: Map<K, number>): number {
  let total = 0;
  for (const c of ref.values()) total += c;
  if (total === 0) return hyp.size === 0 ? 1 : 0;
  return clippedMatches(hyp as Map<string, number>, ref as Map<string, number>) / total;
}

/**
 * CodeBLEU of `hyp` against `ref`: weights (ngram, weighted, ast, dataflow) applied to the components that
 * exist, renormalised so a language without a parser is scored on the n-gram parts alone.
 */
export function scoreCodePair(
  hyp: CodeFeatures,
  ref: CodeFeatures,
  keywords: ReadonlySet<string>,
  weights: readonly [number, number, number, number],
): CodeBleuScore {
  const ngram = bleu4(hyp.ngrams, ref.ngrams);
  const weighted = weightedUnigram(hyp.ngrams, ref.ngrams, keywords);
  const ast = hyp.shapes && ref.shapes ? matchRatio(hyp.shapes, ref.shapes) : null;
  const dataflow = hyp.dataflow && ref.dataflow ? matchRatio(hyp.dataflow, ref.dataflow) : null;
  const parts: Array<[number, number | null]> = [
    [weights[0], ngram],
    [weights[1], weighted],
    [weights[2], ast],
    [weights[3], dataflow],
  ];
  let num = 0;
  let den = 0;
  for (const [w, v] of parts) {
    if (v === null) continue;
    num += w * v;
    den += w;
  }
  return { ngram, weighted, ast, dataflow, score: den === 0 ? 0 : num / den };
}
