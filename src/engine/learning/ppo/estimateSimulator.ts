import type { Pattern } from "../../../shared/contract/learning.js";
import { DEFAULT_SIM, type SimParams } from "./LoopSimulator.js";

/** Smoothed rate: the default counts as `prior` pseudo-observations, so a few attempts move it only a little. */
const rate = (ok: number, n: number, fallback: number, prior = 10): number => (ok + fallback * prior) / (n + prior);

/**
 * Simulator parameters from the logged attempts: first-attempt success of the two most used models (A, B),
 * how often a fix attempt went green, and the feedback users gave. With no attempts, the defaults.
 */
export function estimateSimulator(patterns: Pattern[]): SimParams {
  const firsts = patterns.filter((p) => p.iteration === 1 && p.models.length);
  const byModel = new Map<string, { n: number; ok: number }>();
  for (const p of firsts) {
    const m = p.models[0]!;
    const s = byModel.get(m) ?? { n: 0, ok: 0 };
    s.n++;
    s.ok += p.passed ? 1 : 0;
    byModel.set(m, s);
  }
  const ranked = [...byModel.values()].sort((a, b) => b.n - a.n);
  const a = ranked[0] ?? { n: 0, ok: 0 };
  const b = ranked[1] ?? { n: 0, ok: 0 };
  const fixes = patterns.filter((p) => p.iteration > 1);
  const withFeedback = patterns.filter((p) => p.feedback.thumbs);
  return {
    ...DEFAULT_SIM,
    pA: rate(a.ok, a.n, DEFAULT_SIM.pA),
    pB: rate(b.ok, b.n, DEFAULT_SIM.pB),
    fixRate: rate(fixes.filter((p) => p.passed).length, fixes.length, DEFAULT_SIM.fixRate),
    feedbackRate: rate(withFeedback.length, patterns.length, DEFAULT_SIM.feedbackRate),
    feedbackPositive: rate(withFeedback.filter((p) => p.feedback.thumbs === "up").length, withFeedback.length, DEFAULT_SIM.feedbackPositive),
  };
}
