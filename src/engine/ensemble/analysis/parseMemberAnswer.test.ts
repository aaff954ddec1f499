import { describe, expect, it } from "vitest";
import { parseMemberAnswer } from "./parseMemberAnswer.js";

const valid = {
  approach: "Add a rate limiter middleware",
  requirements: ["limit per IP"],
  files: [{ path: "src/limit.ts", purpose: "middleware" }],
  dependencies: [],
  constraints: ["no new services"],
  risks: ["blocking proxies"],
  complexity: 2,
  test_plan: ["unit test the window"],
};

describe("parseMemberAnswer", () => {
  it("accepts schema-valid JSON as ok, without repairs", () => {
    expect(parseMemberAnswer(JSON.stringify(valid))).toEqual({ status: "ok", analysis: valid, repairs: [] });
  });

  it("repairs near-valid JSON once and says what changed", () => {
    const text = "Sure! Here it is:\n```json\n" + JSON.stringify(valid, null, 1).replace('"complexity": 2', '"complexity": "2"').replace(/\n}$/, ",\n}") + "\n```";
    const r = parseMemberAnswer(text);
    expect(r.status).toBe("repaired");
    if (r.status !== "repaired") return;
    expect(r.analysis).toEqual(valid);
    expect(r.repairs).toEqual([
      "took the JSON out of a Markdown code fence",
      "fixed JSON syntax (quotes, commas, brackets or a cut-off tail)",
      'complexity: "2" read as 2',
    ]);
  });

  it("fills a cut-off tail's missing lists but never invents the approach or complexity", () => {
    const cut = JSON.stringify({ approach: "x", complexity: 9, requirements: ["a"] }).slice(0, -1) + ', "risks": ["unfinished';
    const r = parseMemberAnswer(cut);
    expect(r.status).toBe("repaired");
    if (r.status === "repaired") {
      expect(r.analysis.complexity).toBe(5);
      expect(r.analysis.risks).toEqual(["unfinished"]);
      expect(r.repairs).toContain("files: missing, used an empty list");
    }
    expect(parseMemberAnswer(JSON.stringify({ ...valid, approach: undefined })).status).toBe("invalid");
    expect(parseMemberAnswer(JSON.stringify({ ...valid, complexity: "hard" })).status).toBe("invalid");
  });

  it("marks garbage invalid with a reason", () => {
    const r = parseMemberAnswer("I cannot help with that.");
    expect(r.status).toBe("invalid");
    expect(r.status === "invalid" && r.reason).toMatch(/schema|JSON/);
    expect(parseMemberAnswer("[1, 2, 3]").status).toBe("invalid");
  });
});
