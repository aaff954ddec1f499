import { describe, expect, it } from "vitest";
import { dualAgreement } from "./dualAgreement.js";
import { rankCandidates, type CandidateScore } from "./rankCandidates.js";

const score = (label: string, passed: number, agreement: number, codebleu: number | null, hasFiles = true): CandidateScore => ({ label, hasFiles, passed, failed: 3 - passed, agreement, codebleu });

describe("rankCandidates", () => {
  it("orders by pass count, then agreement, then CodeBLEU, then input order; candidates without files last", () => {
    const r = rankCandidates([
      score("no-files", 0, 0, null, false),
      score("medoid", 2, 0.2, 0.9),
      score("agreed", 2, 0.5, 0.1),
      score("passes-most", 3, 0, 0),
      score("tied-later", 2, 0.2, 0.9),
      score("fails-all", 0, 1, 1),
    ]);
    expect(r.map((c) => c.label)).toEqual(["passes-most", "agreed", "medoid", "tied-later", "fails-all", "no-files"]);
    expect(r.map((c) => c.chosen)).toEqual([true, false, false, false, false, false]);
  });
});

describe("dualAgreement", () => {
  it("scores share of generated tests passed × share of candidates in the same consensus set", () => {
    const s = (...ids: string[]): Set<string> => new Set(ids);
    // Four generated tests; two candidates agree on {t1,t2,t3}, one passes {t1}, one passes everything alone.
    expect(dualAgreement([s("t1", "t2", "t3"), s("t3", "t2", "t1"), s("t1"), s("t1", "t2", "t3", "t4")], 4)).toEqual([0.375, 0.375, 0.0625, 0.25]);
    expect(dualAgreement([s(), s()], 0)).toEqual([0, 0]);
  });
});
