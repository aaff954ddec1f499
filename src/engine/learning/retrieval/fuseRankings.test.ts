import { describe, expect, it } from "vitest";
import { fuseRankings } from "./fuseRankings.js";

describe("fuseRankings (reciprocal rank fusion)", () => {
  it("puts an id both retrievers found above one only a single retriever ranked first", () => {
    expect(fuseRankings([["lexOnly", "both"], ["embOnly", "both"]])[0]).toBe("both");
  });
  it("keeps a single ranking's order, and the first ranking's order on ties", () => {
    expect(fuseRankings([["a", "b", "c"]])).toEqual(["a", "b", "c"]);
    expect(fuseRankings([["a"], ["b"]])).toEqual(["a", "b"]);
    expect(fuseRankings([[], []])).toEqual([]);
  });
});
