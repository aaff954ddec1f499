import { ThompsonBandit } from "../bandit/ThompsonBandit.js";
import { Rng } from "../Rng.js";
import { LoopSimulator, type SimParams } from "./LoopSimulator.js";
import { PPO_ACTIONS } from "./PpoAgent.js";

/** Mean episode reward of a policy (obs → action) over `episodes` simulated tasks. */
export function meanEpisodeReward(params: SimParams, policy: (obs: number[]) => number, episodes: number, seed: number): number {
  const sim = new LoopSimulator(params, new Rng(seed));
  let total = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = sim.reset();
    for (;;) {
      const s = sim.step(policy(obs));
      total += s.reward;
      obs = s.obs;
      if (s.done) break;
    }
  }
  return total / episodes;
}

/**
 * The context-free baseline: Thompson sampling over the four actions on the step reward (rescaled to
 * [0, 1]), learning online for `episodes` tasks. Returns its mean episode reward over the last half.
 */
export function banditEpisodeReward(params: SimParams, episodes: number, seed: number): number {
  const sim = new LoopSimulator(params, new Rng(seed));
  const pick = new Rng(seed ^ 0x2545f491);
  const bandit = new ThompsonBandit(PPO_ACTIONS.map((_, i) => String(i)));
  const lo = -params.costEscalate;
  let total = 0;
  let counted = 0;
  for (let e = 0; e < episodes; e++) {
    sim.reset();
    let sum = 0;
    for (;;) {
      const a = Number(bandit.select(pick));
      const s = sim.step(a);
      bandit.update(String(a), (s.reward - lo) / (1 - lo));
      sum += s.reward;
      if (s.done) break;
    }
    if (e >= episodes / 2) {
      total += sum;
      counted++;
    }
  }
  return total / Math.max(1, counted);
}
