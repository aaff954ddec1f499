import { describe, expect, it } from "vitest";
import type { MemberResult, TaskAnalysis } from "../../../shared/contract/ensemble.js";
import { ANSWER_A, ANSWER_B, ANSWER_C } from "../../../../tests/support/ensemble/analyses.js";
import { buildConsensus } from "./buildConsensus.js";
import type { MemberWeights } from "./MemberWeights.js";

function member(label: string, status: MemberResult["status"], analysis?: Partial<TaskAnalysis>): MemberResult {
  const full: TaskAnalysis | undefined = analysis && {
    approach: "x",
    requirements: [],
    files: [],
    dependencies: [],
    constraints: [],
    risks: [],
    complexity: 3,
    test_plan: [],
    ...analysis,
  };
  return {
    id: label,
    modelId: `test:${label}`,
    label,
    status,
    ...(full ? { analysis: full } : {}),
    rawText: "",
    repairs: status === "repaired" ? ["fixed"] : [],
    startedAt: 0,
    elapsedMs: 1,
    ttftMs: null,
    tokensPerSecond: null,
    completionTokens: null,
    truncated: false,
  };
}

// The hand-derived expectations below are about these three answers, shared with the integration tests.
const A = member("A", "ok", ANSWER_A);
const B = member("B", "ok", ANSWER_B);
const C = member("C", "ok", ANSWER_C);

describe("buildConsensus", () => {
  it("gives per-field agreement, the merged analysis, disagreements by member and the confidence", () => {
    const c = buildConsensus([A, B, C]);
    expect(c.mode).toBe("consensus");
    const agreement = Object.fromEntries(c.fields.map((f) => [f.field, f.agreement]));
    // approach: A and B normalise equal (2 of 3); requirements: pair overlaps 1, 1/2, 1/2 → 2/3;
    // files: 1/2, 1/2, 1 → 2/3; constraints: 0, 0, 1 (both empty) → 1/3; complexity 3,3,4 → 2/3.
    expect(agreement).toEqual({
      approach: 0.667,
      requirements: 0.667,
      dependencies: 1,
      constraints: 0.333,
      risks: 1,
      test_plan: 1,
      files: 0.667,
      complexity: 0.667,
    });
    expect(c.merged).toEqual({
      approach: "Use a REST API with Express",
      requirements: ["validate input", "store users"],
      dependencies: [],
      constraints: [],
      risks: ["data loss"],
      test_plan: ["unit tests"],
      files: [{ path: "src/app.ts", purpose: "server" }],
      complexity: 3,
    });
    // Σ weight × agreement = 0.65 × 2/3 + 0.1 × 1 + 0.05 × 1/3 + 0.05 + 0.15 = 0.75, full coverage.
    expect(c.confidence).toBe(0.75);
    expect(c.disagreements).toEqual(
      expect.arrayContaining([
        { field: "approach", kind: "differs", value: "Write a CLI script", members: ["C"] },
        { field: "requirements", kind: "omitted", value: "store users", members: ["C"] },
        { field: "files", kind: "only", value: "src/db.ts", members: ["A"] },
        { field: "constraints", kind: "only", value: "no network", members: ["A"] },
        { field: "complexity", kind: "differs", value: "4", members: ["C"] },
      ]),
    );
    expect(c.disagreements).toHaveLength(5);
    expect(c.fields.find((f) => f.field === "files")!.dissenters).toEqual(["A"]);
  });

  it("scales confidence by coverage: a timed-out member counts as attempted, a repaired answer half", () => {
    const timedOut = member("D", "timeout");
    expect(buildConsensus([A, B, C, timedOut]).confidence).toBe(0.656); // 0.75 × (0.5 + 0.5 × 3/4)
    const repairedC = { ...C, status: "repaired" as const };
    expect(buildConsensus([A, B, repairedC]).confidence).toBe(0.688); // 0.75 × (0.5 + 0.5 × 2.5/3)
    const skipped = member("E", "skipped");
    expect(buildConsensus([A, B, C, skipped]).confidence).toBe(0.75); // quorum-skipped members are not attempted
  });

  it("returns a low-confidence single-source result with one valid answer, and 'none' without any", () => {
    const single = buildConsensus([A, member("X", "invalid"), member("Y", "error")]);
    expect(single.mode).toBe("single-source");
    expect(single.confidence).toBe(0.25);
    expect(single.merged).toEqual(A.analysis);
    expect(single.sources).toEqual(["A"]);
    expect(single.note).toMatch(/single source/);
    const none = buildConsensus([member("X", "invalid")]);
    expect(none).toMatchObject({ mode: "none", confidence: 0, merged: null, fields: [] });
  });

  it("takes member weights through the interface", () => {
    const weights: MemberWeights = { weightOf: (m) => (m.label === "C" ? 3 : 1) };
    const c = buildConsensus([A, B, C], weights);
    // C now outweighs A + B on the scalars.
    expect(c.merged!.approach).toBe("Write a CLI script");
    expect(c.merged!.complexity).toBe(4);
    expect(c.fields.find((f) => f.field === "approach")!.agreement).toBe(0.6);
    expect(c.weights).toEqual({ A: 1, B: 1, C: 3 });
  });
});
