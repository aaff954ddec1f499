import type { CandidateRanking } from "./CodeGenerator.js";

/** One candidate's scores, before ranking. */
export interface CandidateScore {
  label: string;
  /** False when the answer held no usable file edits (it then ranks below every candidate that did). */
  hasFiles: boolean;
  /** The project's own tests (the reward's tests). */
  passed: number;
  failed: number;
  /** Dual agreement on member-generated tests (never part of the reward). */
  agreement: number;
  codebleu: number | null;
}

/**
 * Execution-based selection: candidates with file edits first, then most project tests passed, then highest
 * dual agreement, then highest CodeBLEU against the others (the medoid), then the earlier candidate. Returns the
 * ranking in that order, the first marked `chosen`.
 */
export function rankCandidates(scores: readonly CandidateScore[]): CandidateRanking[] {
  const order = scores.map((s, i) => ({ s, i }));
  order.sort((a, b) =>
    Number(b.s.hasFiles) - Number(a.s.hasFiles) ||
    b.s.passed - a.s.passed ||
    b.s.agreement - a.s.agreement ||
    (b.s.codebleu ?? -1) - (a.s.codebleu ?? -1) ||
    a.i - b.i,
  );
  return order.map(({ s }, rank) => ({ label: s.label, passed: s.passed, failed: s.failed, agreement: round4(s.agreement), codebleu: s.codebleu, chosen: rank === 0 }));
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
