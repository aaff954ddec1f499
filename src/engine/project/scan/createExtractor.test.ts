import { describe, expect, it } from "vitest";
import { autoWorkers, createExtractor } from "./createExtractor.js";

describe("autoWorkers", () => {
  it("counts the engine thread: one parser thread per core, at most 8", () => {
    expect([1, 2, 3, 4, 8, 32].map((n) => autoWorkers(n))).toEqual([1, 2, 3, 4, 8, 8]);
  });
});

describe("createExtractor", () => {
  it("keeps small scans on the engine thread and says why", async () => {
    const ex = createExtractor(2);
    try {
      expect(ex.threads).toBe(2);
      expect(await ex.extract([])).toEqual([]);
      expect(ex.lastRun).toMatchObject({ threads: 1, why: expect.stringContaining("engine thread only") });
    } finally {
      await ex.dispose();
    }
    expect(createExtractor(1).threads).toBe(1);
  });
});
