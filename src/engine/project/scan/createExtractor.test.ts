import { describe, expect, it } from "vitest";
import { autoWorkers, createExtractor } from "./createExtractor.js";

describe("createExtractor", () => {
  it("uses workers only for big scans and gives the same facts either way", async () => {
    const jobs = Array.from({ length: 8 }, (_, i) => ({ lang: "go" as const, text: `package p\n\nfunc F${i}() int { return ${i} }\n` }));
    const ex = createExtractor(2);
    try {
      const small = await ex.extract(jobs, undefined, jobs.length);
      const big = await ex.extract(jobs, undefined, 5000);
      expect(big).toEqual(small);
      expect(small.map((f) => f.symbols[0]!.name)).toEqual(jobs.map((_, i) => `F${i}`));
    } finally {
      await ex.dispose();
    }
  });
});

describe("autoWorkers", () => {
  it("parses in-thread below 4 cores and leaves one core to the engine above", () => {
    expect([1, 2, 3, 4, 8, 32].map((n) => autoWorkers(n))).toEqual([1, 1, 1, 3, 7, 8]);
  });
});
