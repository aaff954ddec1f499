import { Rng } from "../Rng.js";
import { Mlp } from "./Mlp.js";

/** The agent's actions, in output order. */
export const PPO_ACTIONS = ["use_model_A", "use_model_B", "retry_with_fix", "escalate"] as const;
export type PpoAction = (typeof PPO_ACTIONS)[number];
/** Observation: [test_reward, code_quality, user_feedback, task_complexity], each in [0, 1] (feedback in [-1, 1]). */
export const OBS_SIZE = 4;

export interface Transition {
  obs: number[];
  action: number;
  logp: number;
  value: number;
  reward: number;
  done: boolean;
}

export interface PpoHyper {
  hidden: number;
  lr: number;
  gamma: number;
  lambda: number;
  clip: number;
  epochs: number;
  minibatch: number;
  entropy: number;
  valueCoef: number;
}

export const DEFAULT_HYPER: PpoHyper = { hidden: 32, lr: 3e-3, gamma: 0.99, lambda: 0.95, clip: 0.2, epochs: 4, minibatch: 64, entropy: 0.01, valueCoef: 0.5 };

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Proximal policy optimisation: softmax policy and value MLPs, clipped surrogate objective, GAE(λ). */
export class PpoAgent {
  readonly actor: Mlp;
  readonly critic: Mlp;

  constructor(
    seed: number,
    readonly hyper: PpoHyper = DEFAULT_HYPER,
    weights?: { actor: Float64Array; critic: Float64Array },
  ) {
    const rng = new Rng(seed);
    this.actor = new Mlp({ input: OBS_SIZE, hidden: hyper.hidden, output: PPO_ACTIONS.length }, weights?.actor ?? rng, 0.01);
    this.critic = new Mlp({ input: OBS_SIZE, hidden: hyper.hidden, output: 1 }, weights?.critic ?? rng, 1);
  }

  probs(obs: ArrayLike<number>): Float64Array {
    return softmax(this.actor.forward(obs).out);
  }

  value(obs: ArrayLike<number>): number {
    return this.critic.forward(obs).out[0]!;
  }

  act(obs: number[], rng: Rng): { action: number; logp: number; value: number } {
    const p = this.probs(obs);
    const action = rng.categorical(p);
    return { action, logp: Math.log(p[action]! + 1e-12), value: this.value(obs) };
  }

  /** The most probable action (used when deciding for real). */
  greedy(obs: number[]): { action: number; probs: number[] } {
    const p = [...this.probs(obs)];
    return { action: p.indexOf(Math.max(...p)), probs: p };
  }

  /** GAE(λ) advantages and returns of a rollout; `lastValue` bootstraps a rollout cut mid-episode. */
  advantages(tr: Transition[], lastValue: number): { adv: number[]; ret: number[] } {
    const { gamma, lambda } = this.hyper;
    const adv = new Array<number>(tr.length).fill(0);
    let next = lastValue;
    let gae = 0;
    for (let t = tr.length - 1; t >= 0; t--) {
      const s = tr[t]!;
      const nonTerminal = s.done ? 0 : 1;
      const delta = s.reward + gamma * next * nonTerminal - s.value;
      gae = delta + gamma * lambda * nonTerminal * gae;
      adv[t] = gae;
      next = s.value;
    }
    return { adv, ret: adv.map((a, t) => a + tr[t]!.value) };
  }

  /** Several epochs of minibatch updates of the clipped objective over one rollout. */
  update(tr: Transition[], lastValue: number, rng: Rng): void {
    const { adv, ret } = this.advantages(tr, lastValue);
    const mean = adv.reduce((a, b) => a + b, 0) / adv.length;
    const sd = Math.sqrt(adv.reduce((a, b) => a + (b - mean) ** 2, 0) / adv.length) + 1e-8;
    const nAdv = adv.map((a) => (a - mean) / sd);
    const idx = tr.map((_, i) => i);
    const { clip, entropy, valueCoef, epochs, minibatch, lr } = this.hyper;
    for (let e = 0; e < epochs; e++) {
      for (let i = idx.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      }
      for (let start = 0; start < idx.length; start += minibatch) {
        const batch = idx.slice(start, start + minibatch);
        for (const k of batch) {
          const s = tr[k]!;
          const at = this.actor.forward(s.obs);
          const p = softmax(at.out);
          const logp = Math.log(p[s.action]! + 1e-12);
          const ratio = Math.exp(logp - s.logp);
          const A = nAdv[k]!;
          const clipped = (A >= 0 && ratio > 1 + clip) || (A < 0 && ratio < 1 - clip);
          const dLogp = clipped ? 0 : -ratio * A;
          let H = 0;
          for (const q of p) H -= q * Math.log(q + 1e-12);
          const dOut = new Float64Array(p.length);
          for (let a = 0; a < p.length; a++) {
            dOut[a] = dLogp * ((a === s.action ? 1 : 0) - p[a]!) + entropy * p[a]! * (Math.log(p[a]! + 1e-12) + H);
          }
          this.actor.backward(at, dOut);
          const ct = this.critic.forward(s.obs);
          this.critic.backward(ct, [valueCoef * (ct.out[0]! - ret[k]!)]);
        }
        this.actor.step(lr, batch.length);
        this.critic.step(lr, batch.length);
      }
    }
  }
}
