import type { Rng } from "../Rng.js";
import { PRIOR, decayArm, updateArm, type BetaArm } from "./BetaArm.js";

/** Thompson sampling over named arms with Beta posteriors (in memory; ArmStore persists them). */
export class ThompsonBandit {
  readonly arms = new Map<string, BetaArm>();

  constructor(
    names: string[],
    private readonly discount = 1,
  ) {
    for (const n of names) this.arms.set(n, { ...PRIOR });
  }

  /** One draw from each posterior; the arms ranked by their draw, best first. */
  rank(rng: Rng): Array<{ name: string; draw: number }> {
    return [...this.arms.entries()].map(([name, a]) => ({ name, draw: rng.beta(a.alpha, a.beta) })).sort((x, y) => y.draw - x.draw);
  }

  select(rng: Rng): string {
    return this.rank(rng)[0]!.name;
  }

  update(name: string, reward: number): void {
    for (const [k, a] of this.arms) if (k !== name) this.arms.set(k, decayArm(a, this.discount));
    this.arms.set(name, updateArm(this.arms.get(name) ?? PRIOR, reward, this.discount));
  }
}
