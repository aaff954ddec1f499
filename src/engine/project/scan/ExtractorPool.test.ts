import { describe, expect, it } from "vitest";
import { ExtractorPool } from "./ExtractorPool.js";
import { inThreadExtractor } from "./inThreadExtractor.js";

describe("ExtractorPool", () => {
  it("parses in worker threads with the same results, in order, as in-thread parsing", async () => {
    const jobs = Array.from({ length: 30 }, (_, i) => ({
      lang: i % 2 ? ("python" as const) : ("typescript" as const),
      text: i % 2 ? `def f${i}(x: int) -> int:\n    return x\n` : `export function f${i}(x: number): number {\n  return x;\n}\n`,
    }));
    const pool = new ExtractorPool(2);
    try {
      const viaPool = await pool.extract(jobs);
      expect(viaPool.map((f) => f.symbols[0]!.name)).toEqual(jobs.map((_, i) => `f${i}`));
      expect(viaPool).toEqual(await inThreadExtractor(jobs));
    } finally {
      await pool.dispose();
    }
    await expect(pool.extract(jobs)).rejects.toMatchObject({ code: "unavailable" });
  });
});
