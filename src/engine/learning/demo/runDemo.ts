import type { DemoResult } from "../../../shared/contract/learning.js";
import { ThompsonBandit } from "../bandit/ThompsonBandit.js";
import { Rng } from "../Rng.js";

/** The documented demo environment: four models whose answers pass with these probabilities (Bernoulli). */
export const DEMO_ARMS = [0.2, 0.4, 0.6, 0.8] as const;

export interface DemoTrace extends DemoResult {
  picks: number[];
  /** Cumulative regret after each episode. */
  regretCurve: number[];
}

/** Pick arms with a context-free chooser; regret is measured against always taking the best arm (expected rewards). */
function play(episodes: number, rng: Rng, learner: DemoLearner): { picks: number[]; regretCurve: number[] } {
  const best = Math.max(...DEMO_ARMS);
  const picks: number[] = [];
  const regretCurve: number[] = [];
  let regret = 0;
  for (let e = 0; e < episodes; e++) {
    const arm = learner.choose();
    const reward = rng.next() < DEMO_ARMS[arm]! ? 1 : 0;
    learner.learn(arm, reward);
    regret += best - DEMO_ARMS[arm]!;
    picks.push(arm);
    regretCurve.push(regret);
  }
  return { picks, regretCurve };
}

/** A chooser that learns from each pick's reward. */
export interface DemoLearner {
  choose(): number;
  learn(arm: number, reward: number): void;
}

/**
 * Run the demo with the bandit, random picks, or `ppo` (an online PPO learner given by the caller, which
 * sees a constant observation here). The random baseline draws the same environment sequence.
 */
export function runDemo(policy: DemoResult["policy"], episodes: number, seed: number, ppo?: (seed: number) => DemoLearner): DemoTrace {
  const pick = new Rng(seed ^ 0x5bd1e995);
  const bandit = new ThompsonBandit(DEMO_ARMS.map((_, i) => String(i)));
  const random: DemoLearner = { choose: () => pick.int(DEMO_ARMS.length), learn: () => {} };
  const learner: DemoLearner =
    policy === "bandit" ? { choose: () => Number(bandit.select(pick)), learn: (a, r) => bandit.update(String(a), r) } : policy === "ppo" && ppo ? ppo(seed) : random;
  const run = play(episodes, new Rng(seed), learner);
  const r2 = new Rng(seed ^ 0x5bd1e995);
  const baseline = play(episodes, new Rng(seed), { choose: () => r2.int(DEMO_ARMS.length), learn: () => {} });
  const tail = run.picks.slice(-50);
  const bestArm = DEMO_ARMS.length - 1;
  return {
    policy,
    episodes,
    seed,
    cumulativeRegret: round(run.regretCurve.at(-1) ?? 0),
    randomRegret: round(baseline.regretCurve.at(-1) ?? 0),
    bestArmShare: round(tail.filter((a) => a === bestArm).length / Math.max(1, tail.length)),
    picks: run.picks,
    regretCurve: run.regretCurve,
  };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
