import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "../../../shared/contract/errors.js";
import { parseAnswer } from "../answer/parseAnswer.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../paths/pathRules.js";
import { applyApproved } from "./applyApproved.js";
import { planApply } from "./planApply.js";
import { undoLastApply } from "./undoLastApply.js";

const rules = { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };

describe("planApply + applyApproved + undoLastApply", () => {
  let root: string;
  let project: string;
  let journalRoot: string;
  const put = (rel: string, data: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), data);
  };
  const read = (rel: string): Buffer => fs.readFileSync(path.join(project, rel));
  const plan = (answer: string, expectedFile?: string) => planApply({ project, parsed: parseAnswer(answer, { expectedFile }), rules });

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-apply-")));
    project = path.join(root, "p");
    journalRoot = path.join(root, "j");
    fs.mkdirSync(project);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("keeps CRLF, BOM and mode of the file it replaces, and shows an LF diff", async () => {
    const old = Buffer.from("\ufeffa = 1\r\nb = 2\r\n");
    put("w.py", old);
    fs.chmodSync(path.join(project, "w.py"), 0o754);
    const p = await plan("```py w.py\na = 1\nb = 3\n```\n");
    expect(p.files[0]).toMatchObject({ action: "modify", status: "ok", oldText: "a = 1\nb = 2\n", newText: "a = 1\nb = 3\n" });
    expect(p.files[0]!.diff).toContain("-b = 2\n+b = 3");
    applyApproved({ plan: p, approve: "all", journalRoot, rules });
    expect(read("w.py").equals(Buffer.from("\ufeffa = 1\r\nb = 3\r\n"))).toBe(true);
    expect(fs.statSync(path.join(project, "w.py")).mode & 0o777).toBe(0o754);
    undoLastApply(journalRoot, project);
    expect(read("w.py").equals(old)).toBe(true);
  });

  it("applies a unified diff to a CRLF file and rejects one that does not apply", async () => {
    put("s.ts", "const a = 1;\r\nconst b = 2;\r\n");
    const p = await plan("```diff\n--- a/s.ts\n+++ b/s.ts\n@@ -1,2 +1,2 @@\n const a = 1;\n-const b = 2;\n+const b = 20;\n```\n");
    applyApproved({ plan: p, approve: "all", journalRoot, rules });
    expect(read("s.ts").toString()).toBe("const a = 1;\r\nconst b = 20;\r\n");
    const bad = await plan("```diff\n--- a/s.ts\n+++ b/s.ts\n@@ -1,2 +1,2 @@\n const a = 1;\n-const b = 999;\n+const b = 3;\n```\n");
    expect(bad.files[0]).toMatchObject({ status: "rejected", reasons: ["the diff does not apply to the current file"] });
  });

  it("stops with a conflict when a file changed after review (stale-write guard) and writes nothing", async () => {
    put("a.py", "A = 1\n");
    put("b.py", "B = 1\n");
    const p = await plan("```py a.py\nA = 2\n```\n```py b.py\nB = 2\n```\n");
    put("b.py", "B = 'edited by the user'\n");
    try {
      applyApproved({ plan: p, approve: "all", journalRoot, rules });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe(ErrorCode.Conflict);
      expect((e as { details: unknown }).details).toEqual({ stale: ["b.py"] });
    }
    expect(read("a.py").toString()).toBe("A = 1\n");
  });

  it("approves per file, creates folders, deletes, skips unchanged files; undo removes what it created", async () => {
    put("keep.py", "K = 1\n");
    put("gone.py", "G = 1\n");
    put("same.py", "S = 1\n");
    const p = await plan("```py new/deep/n.py\nN = 1\n```\n```py keep.py\nK = 2\n```\n```py same.py\nS = 1\n```\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-G = 1\n");
    expect(p.files.map((f) => [f.path, f.action])).toEqual([
      ["new/deep/n.py", "create"],
      ["keep.py", "modify"],
      ["same.py", "none"],
      ["gone.py", "delete"],
    ]);
    const out = applyApproved({ plan: p, approve: ["new/deep/n.py", "gone.py", "same.py"], journalRoot, rules });
    expect(out.written).toEqual(["new/deep/n.py", "gone.py"]);
    expect(out.skipped).toEqual([
      { path: "keep.py", reason: "not approved" },
      { path: "same.py", reason: "unchanged" },
    ]);
    expect(fs.existsSync(path.join(project, "gone.py"))).toBe(false);
    expect(read("keep.py").toString()).toBe("K = 1\n");
    undoLastApply(journalRoot, project);
    expect(fs.existsSync(path.join(project, "new"))).toBe(false);
    expect(read("gone.py").toString()).toBe("G = 1\n");
  });

  it("undoes in order, refuses to clobber later edits unless forced", async () => {
    put("a.py", "A = 0\n");
    const first = applyApproved({ plan: await plan("```py a.py\nA = 1\n```\n"), approve: "all", journalRoot, rules });
    applyApproved({ plan: await plan("```py a.py\nA = 2\n```\n"), approve: "all", journalRoot, rules });
    expect(() => undoLastApply(journalRoot, project, { applyId: first.journal!.applyId })).toThrow(/not the latest/);
    put("a.py", "A = 'hand edit'\n");
    expect(() => undoLastApply(journalRoot, project)).toThrow(/Changed since the apply: a.py/);
    undoLastApply(journalRoot, project, { force: true });
    expect(read("a.py").toString()).toBe("A = 1\n");
    undoLastApply(journalRoot, project);
    expect(read("a.py").toString()).toBe("A = 0\n");
    expect(() => undoLastApply(journalRoot, project)).toThrow(/Nothing to undo/);
  });

  it("flags test changes, elided content, and refuses binary targets", async () => {
    put("tests/test_a.py", "def test_a():\n    assert True\n");
    put("img.bin", Buffer.from([0, 1, 2, 3]));
    put("big.py", "def f():\n    return 1\n");
    const p = await plan("```py tests/test_a.py\ndef test_a():\n    pass\n```\n```py img.bin\nx\n```\n```py big.py\ndef f():\n    # ... rest of the code unchanged\n```\n");
    expect(p.touchesTests).toBe(true);
    expect(p.files[0]!.flags).toContain("changes a test file: the next test run counts as tampered unless you accept it");
    expect(p.files[1]).toMatchObject({ status: "rejected", reasons: ["the existing file is binary; only text files are written"] });
    expect(p.files[2]!.flags.some((f) => f.startsWith("looks elided"))).toBe(true);
  });
});
