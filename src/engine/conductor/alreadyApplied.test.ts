import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ApplyPlan, PlannedFile } from "../../shared/contract/verify.js";
import { sha256 } from "../verify/apply/sha256.js";
import { alreadyApplied } from "./alreadyApplied.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const file = (p: string, newText: string): PlannedFile => ({
  path: p, action: "modify", status: "ok", reasons: [], flags: [], oldHash: null, newHash: sha256(Buffer.from(newText)), oldText: "", newText, diff: "", findings: [],
});

describe("alreadyApplied (resume after kill -9 during apply)", () => {
  it("judges only the approved files: an approved subset on disk counts as applied, the whole plan does not", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "cc-applied-"));
    dirs.push(project);
    fs.writeFileSync(path.join(project, "a.py"), "new a\n"); // the approved file, written by the journal
    fs.writeFileSync(path.join(project, "b.py"), "old b\n"); // not approved, so never written
    const plan: ApplyPlan = { planId: "p", project, createdAt: 1, files: [file("a.py", "new a\n"), file("b.py", "new b\n")], unmapped: [], notes: [], touchesTests: false };
    expect(alreadyApplied(project, plan, ["a.py"])).toBe(true);
    expect(alreadyApplied(project, plan, "all")).toBe(false);
    expect(alreadyApplied(project, plan, ["b.py"])).toBe(false);
  });
});
