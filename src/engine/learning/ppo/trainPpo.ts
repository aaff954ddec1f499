import { Rng } from "../Rng.js";
import { LoopSimulator, type SimParams } from "./LoopSimulator.js";
import { PpoAgent, type Transition } from "./PpoAgent.js";

export interface TrainOptions {
  timesteps: number;
  seed: number;
  /** Steps per rollout before each update. Defaults to `512`. */
  rollout?: number;
  signal?: AbortSignal;
  onProgress?: (p: { fraction: number; message?: string }) => void;
}

/**
 * Train (or continue training) an agent on the simulator: rollouts of `rollout` steps, then PPO updates.
 * Deterministic for a given seed; yields to the event loop between rollouts. Returns the mean episode reward of each rollout (the learning curve).
 */
export async function trainPpo(agent: PpoAgent, params: SimParams, o: TrainOptions): Promise<number[]> {
  const rng = new Rng(o.seed);
  const sim = new LoopSimulator(params, new Rng(o.seed + 1));
  const rollout = o.rollout ?? 512;
  const curve: number[] = [];
  let obs = sim.reset();
  let episodeReward = 0;
  for (let done = 0; done < o.timesteps; ) {
    o.signal?.throwIfAborted();
    const tr: Transition[] = [];
    const finished: number[] = [];
    for (let t = 0; t < rollout && done < o.timesteps; t++, done++) {
      const a = agent.act(obs, rng);
      const s = sim.step(a.action);
      tr.push({ obs, action: a.action, logp: a.logp, value: a.value, reward: s.reward, done: s.done });
      episodeReward += s.reward;
      obs = s.obs;
      if (s.done) {
        finished.push(episodeReward);
        episodeReward = 0;
        obs = sim.reset();
      }
    }
    const last = tr.at(-1)!;
    agent.update(tr, last.done ? 0 : agent.value(obs), rng);
    if (finished.length) curve.push(finished.reduce((a, b) => a + b, 0) / finished.length);
    // Yield between rollouts so progress events go out and a cancel is seen.
    await new Promise((r) => setImmediate(r));
    o.onProgress?.({ fraction: done / o.timesteps, message: `${done}/${o.timesteps} steps, mean episode reward ${curve.at(-1)?.toFixed(3) ?? "—"}` });
  }
  return curve;
}
