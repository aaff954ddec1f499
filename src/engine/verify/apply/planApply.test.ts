import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ParsedAnswer } from "../../../shared/contract/verify.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../paths/pathRules.js";
import { applyApproved } from "./applyApproved.js";
import { planApply } from "./planApply.js";

const rules = { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };
let project: string;
let journalRoot: string;

const answer = (files: Array<[string, string]>): ParsedAnswer => ({ files: files.map(([p, content], block) => ({ path: p, kind: "write", content, source: "info-string", format: "fence-info", block })), unmapped: [], notes: [] });

beforeEach(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-plan-"));
  project = path.join(root, "p");
  journalRoot = path.join(root, "journal");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "calc.py"), "X = 1\n");
});
afterEach(() => fs.rmSync(path.dirname(project), { recursive: true, force: true }));

describe("planApply limits", () => {
  it("refuses an answer with more files than verify.maxFilesPerAnswer as a whole, before reading or writing anything", async () => {
    const many = answer(Array.from({ length: 201 }, (_, i): [string, string] => [`gen/f${i}.py`, "X = 1\n"]));
    await expect(planApply({ project, parsed: many, rules })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/proposes 201 files; at most 200/) });
    await expect(planApply({ project, parsed: many, rules, maxFiles: 150 })).rejects.toThrow(/at most 150/);
    expect(fs.readdirSync(project)).toEqual(["calc.py"]);
    // At the limit it plans normally.
    const ok = await planApply({ project, parsed: answer(many.files.slice(0, 200).map((f) => [f.path, f.content!])), rules });
    expect(ok.files.filter((f) => f.status === "ok")).toHaveLength(200);
  });

  it("rejects NUL bytes and binary-looking content in proposed files, and writes nothing of it", async () => {
    const plan = await planApply({ project, parsed: answer([["a.py", "X = 1\u0000\u0000\u0001binary"], ["b.py", `${"\u0001\u0002\u0003\u0004".repeat(50)}\n`], ["c.py", "Y = 2\n"]]), rules });
    expect(plan.files.map((f) => [f.path, f.status])).toEqual([["a.py", "rejected"], ["b.py", "rejected"], ["c.py", "ok"]]);
    expect(plan.files[0]!.reasons[0]).toMatch(/NUL bytes/);
    expect(plan.files[1]!.reasons[0]).toMatch(/looks binary/);
    const out = applyApproved({ plan, approve: "all", journalRoot, rules });
    expect(out.written).toEqual(["c.py"]);
    expect(fs.existsSync(path.join(project, "a.py"))).toBe(false);
  });

  it("refuses case-only twins: against an existing file and within one answer", async () => {
    const plan = await planApply({ project, parsed: answer([["CALC.py", "X = 2\n"], ["util/Helpers.py", "A = 1\n"], ["util/helpers.py", "B = 1\n"], ["calc.py", "X = 3\n"]]), rules });
    expect(plan.files.map((f) => [f.path, f.status])).toEqual([
      ["CALC.py", "rejected"],
      ["util/Helpers.py", "ok"],
      ["util/helpers.py", "rejected"],
      ["calc.py", "ok"],
    ]);
    expect(plan.files[0]!.reasons[0]).toMatch(/differs from the existing "calc.py" only by letter case/);
    expect(plan.files[2]!.reasons[0]).toMatch(/only by letter case/);
  });
});
