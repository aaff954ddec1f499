import type { Rng } from "../Rng.js";

/**
 * Parameters of the simulated conductor loop, estimated from logged attempts (estimateSimulator) or the
 * defaults below. Probabilities in [0, 1]; costs in reward units per step.
 */
export interface SimParams {
  /** Success of model A (the usual first choice) on the easiest task; falls with complexity × hardA. */
  pA: number;
  hardA: number;
  /** Success of model B (the alternative) on the easiest task; falls with complexity × hardB. */
  pB: number;
  hardB: number;
  /** Chance a fix prompt turns a partial result green, times that result's test reward. */
  fixRate: number;
  /** Success of escalating to a larger model. */
  pEscalate: number;
  costModel: number;
  costFix: number;
  costEscalate: number;
  /** Share of tasks whose user left feedback, and how often it was positive. */
  feedbackRate: number;
  feedbackPositive: number;
  maxSteps: number;
}

export const DEFAULT_SIM: SimParams = {
  pA: 0.85,
  hardA: 0.9,
  pB: 0.6,
  hardB: 0.2,
  fixRate: 0.9,
  pEscalate: 0.9,
  costModel: 0.05,
  costFix: 0.04,
  costEscalate: 0.35,
  feedbackRate: 0.3,
  feedbackPositive: 0.6,
  maxSteps: 4,
};

/**
 * The conductor loop as a small episodic environment: a task of some complexity arrives; each step the
 * agent uses model A or B, asks for a fix of the last attempt, or escalates. A green attempt ends the
 * episode with reward 1; every step costs. Observation: [test_reward, code_quality, user_feedback,
 * task_complexity] of the latest attempt.
 */
export class LoopSimulator {
  private complexity = 0;
  private testReward = 0;
  private quality = 0;
  private feedback = 0;
  private steps = 0;

  constructor(
    readonly params: SimParams,
    private readonly rng: Rng,
  ) {}

  reset(): number[] {
    const p = this.params;
    this.complexity = this.rng.next();
    this.testReward = 0;
    this.quality = 0;
    this.steps = 0;
    this.feedback = this.rng.next() < p.feedbackRate ? (this.rng.next() < p.feedbackPositive ? 1 : -1) : 0;
    return this.obs();
  }

  obs(): number[] {
    return [this.testReward, this.quality, this.feedback, this.complexity];
  }

  /** Success chance of an action in the current state. */
  chance(action: number): number {
    const p = this.params;
    const c = this.complexity;
    if (action === 0) return p.pA * (1 - c * p.hardA);
    if (action === 1) return p.pB * (1 - c * p.hardB);
    if (action === 2) return this.steps === 0 ? 0.02 : p.fixRate * this.testReward;
    return p.pEscalate;
  }

  step(action: number): { obs: number[]; reward: number; done: boolean } {
    const p = this.params;
    const cost = action === 3 ? p.costEscalate : action === 2 ? p.costFix : p.costModel;
    const ok = this.rng.next() < this.chance(action);
    this.steps++;
    if (ok) {
      this.testReward = 1;
      this.quality = 0.7 + 0.3 * this.rng.next();
    } else {
      // A near miss is likelier on easy tasks; a fix of a near miss keeps most of it.
      const partial = this.rng.next() * (1 - 0.6 * this.complexity);
      this.testReward = action === 2 ? Math.max(partial, this.testReward * 0.8) : partial;
      this.quality = 0.3 + 0.4 * this.rng.next();
    }
    const done = ok || this.steps >= p.maxSteps;
    return { obs: this.obs(), reward: (ok ? 1 : 0) - cost, done };
  }
}
