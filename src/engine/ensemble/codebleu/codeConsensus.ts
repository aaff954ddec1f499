import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import type { CodeConsensus } from "../../../shared/contract/ensemble.js";
import { codeFeatures, type CodeFeatures } from "./codeFeatures.js";
import { codeLanguage } from "./codeLanguage.js";
import { keywordsFor } from "./keywords.js";
import type { PreprocessOptions } from "./preprocessCode.js";
import { scoreCodePair } from "./scoreCodePair.js";
import { ShapeInterner } from "./syntaxShapes.js";

export interface CodeConsensusOptions extends PreprocessOptions {
  /** (ngram, weighted, ast, dataflow). Defaults come from config `codebleu.weights` (env CODEBLEU_WEIGHTS). */
  weights: readonly [number, number, number, number];
  language?: string | null;
  signal?: AbortSignal;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * CodeBLEU over candidates: the full matrix (matrix[i][j] = candidate i scored against candidate j as the
 * reference), each candidate's mean against the others, and the medoid — the candidate most like all the
 * others — as the winner (ties: the earlier candidate). Features are computed once per candidate.
 */
export async function codeConsensus(candidates: Array<{ label: string; code: string }>, options: CodeConsensusOptions): Promise<CodeConsensus> {
  if (options.weights.some((w) => w < 0) || options.weights.every((w) => w === 0)) {
    throw new AppError(ErrorCode.InvalidInput, "CodeBLEU weights must be non-negative and not all zero");
  }
  const language = codeLanguage(options.language);
  const interner = new ShapeInterner();
  const features: CodeFeatures[] = [];
  for (const c of candidates) {
    throwIfAborted(options.signal);
    features.push(await codeFeatures(c.code, language, options, interner));
  }
  const keywords = keywordsFor(language);
  const n = candidates.length;
  const matrix = features.map((hyp, i) => features.map((ref, j) => (i === j ? 1 : round4(scoreCodePair(hyp, ref, keywords, options.weights).score))));
  const meanScores = matrix.map((row, i) => (n < 2 ? 1 : round4(row.reduce((s, v, j) => s + (i === j ? 0 : v), 0) / (n - 1))));
  let winner = n ? 0 : -1;
  for (let i = 1; i < n; i++) if (meanScores[i]! > meanScores[winner]!) winner = i;
  const parsed = features.length > 0 && features.every((f) => f.shapes !== null);
  const used = (["ngram", "weighted", "ast", "dataflow"] as const).filter((p, k) => options.weights[k]! > 0 && (k < 2 || parsed));
  return {
    language: language === "generic" ? null : language,
    labels: candidates.map((c) => c.label),
    matrix,
    meanScores,
    winner,
    weights: [...options.weights] as [number, number, number, number],
    used,
  };
}
