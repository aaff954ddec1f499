/** Beta(alpha, beta) posterior of one arm's success probability; rewards in [0, 1] count fractionally. */
export interface BetaArm {
  alpha: number;
  beta: number;
  /** Observations counted (after discounting). */
  n: number;
}

export const PRIOR: BetaArm = { alpha: 1, beta: 1, n: 0 };

export const armMean = (a: BetaArm): number => a.alpha / (a.alpha + a.beta);

export function armSd(a: BetaArm): number {
  const s = a.alpha + a.beta;
  return Math.sqrt((a.alpha * a.beta) / (s * s * (s + 1)));
}

/**
 * The arm after one reward in [0, 1]. `discount` < 1 first shrinks old evidence toward the prior, so a
 * model that changed is re-learned (discounted Thompson sampling).
 */
export function updateArm(a: BetaArm, reward: number, discount = 1): BetaArm {
  const r = Math.min(1, Math.max(0, reward));
  const alpha = 1 + (a.alpha - 1) * discount;
  const beta = 1 + (a.beta - 1) * discount;
  return { alpha: alpha + r, beta: beta + (1 - r), n: a.n * discount + 1 };
}

/** Shrink an arm that was not played this round (discounting applies to every arm of a context). */
export function decayArm(a: BetaArm, discount: number): BetaArm {
  if (discount >= 1) return a;
  return { alpha: 1 + (a.alpha - 1) * discount, beta: 1 + (a.beta - 1) * discount, n: a.n * discount };
}
