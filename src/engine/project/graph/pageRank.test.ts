import { describe, expect, it } from "vitest";
import { pageRank } from "./pageRank.js";

describe("pageRank", () => {
  it("ranks the hub that everyone points at first and sums to 1", () => {
    const edges = [1, 2, 3, 4].map((i) => ({ from: i, to: 0, weight: 1 }));
    const r = pageRank(5, edges);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < 5; i++) expect(r[0]!).toBeGreaterThan(r[i]!);
  });

  it("weights matter and personalization biases the result", () => {
    const edges = [
      { from: 0, to: 1, weight: 9 },
      { from: 0, to: 2, weight: 1 },
    ];
    const r = pageRank(3, edges);
    expect(r[1]!).toBeGreaterThan(r[2]!);
    const p = pageRank(3, [], { personalization: Float64Array.from([0, 0, 1]) });
    expect(p[2]!).toBeCloseTo(1, 6);
  });

  it("handles an empty graph and a cycle", () => {
    expect(pageRank(0, []).length).toBe(0);
    const r = pageRank(2, [
      { from: 0, to: 1, weight: 1 },
      { from: 1, to: 0, weight: 1 },
    ]);
    expect(r[0]!).toBeCloseTo(0.5, 6);
  });
});
