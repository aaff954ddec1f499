import { describe, expect, it } from "vitest";
import { runDemo } from "../demo/runDemo.js";
import { armMean, updateArm, PRIOR } from "./BetaArm.js";

describe("Thompson sampling on the demo environment (0.2/0.4/0.6/0.8)", () => {
  it("after 200 episodes picks the best arm in ≥80% of the last 50 and keeps regret ≤25% of random's, averaged over 10 seeds", () => {
    const runs = Array.from({ length: 10 }, (_, i) => runDemo("bandit", 200, i + 1));
    const share = runs.reduce((a, r) => a + r.bestArmShare, 0) / runs.length;
    const regret = runs.reduce((a, r) => a + r.cumulativeRegret, 0) / runs.length;
    const random = runs.reduce((a, r) => a + r.randomRegret, 0) / runs.length;
    expect(share).toBeGreaterThanOrEqual(0.8);
    expect(regret).toBeLessThanOrEqual(0.25 * random);
  });

  it("is reproducible for a seed and differs between seeds", () => {
    expect(runDemo("bandit", 100, 7).picks).toEqual(runDemo("bandit", 100, 7).picks);
    expect(runDemo("bandit", 100, 7).picks).not.toEqual(runDemo("bandit", 100, 8).picks);
  });

  it("random picks have regret near the expected 0.3 per episode", () => {
    const r = runDemo("random", 2000, 1);
    expect(r.cumulativeRegret / 2000).toBeGreaterThan(0.25);
    expect(r.cumulativeRegret / 2000).toBeLessThan(0.35);
  });

  it("discounting lets an arm that turned bad lose its lead quickly", () => {
    let kept = PRIOR;
    let discounted = PRIOR;
    for (let i = 0; i < 100; i++) {
      kept = updateArm(kept, 1);
      discounted = updateArm(discounted, 1, 0.9);
    }
    for (let i = 0; i < 10; i++) {
      kept = updateArm(kept, 0);
      discounted = updateArm(discounted, 0, 0.9);
    }
    expect(armMean(kept)).toBeGreaterThan(0.85);
    expect(armMean(discounted)).toBeLessThan(0.5);
  });
});
