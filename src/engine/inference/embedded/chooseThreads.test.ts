import os from "node:os";
import { describe, expect, it } from "vitest";
import { chooseThreads, physicalCores } from "./chooseThreads.js";

describe("chooseThreads", () => {
  it("one thread for tiny models, one per physical core otherwise, config wins", () => {
    expect(chooseThreads(120_000, 0, 8)).toMatchObject({ threads: 1 });
    expect(chooseThreads(7e9, 0, 8)).toMatchObject({ threads: 8 });
    expect(chooseThreads(undefined, 0, 4)).toMatchObject({ threads: 4 });
    expect(chooseThreads(7e9, 3, 8)).toMatchObject({ threads: 3, why: expect.stringMatching(/models.threads/) });
  });
  it("counts physical cores within the logical ones", () => {
    const n = physicalCores();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(os.availableParallelism());
  });
});
