import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planApply } from "../apply/planApply.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../paths/pathRules.js";
import { resolveAnswer } from "./resolveAnswer.js";
import { toParsedAnswer } from "./toParsedAnswer.js";

const F = "```";
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../tests/fixtures/answers");
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const rules = { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };

const MATH = "export function add(a: number, b: number): number {\n  return a - b;\n}\n\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n";
const FORMAT = 'import { add } from "./math.js";\n\nexport function show(a: number, b: number): string {\n  return `${a} + ${b} = ${add(a, b)}`;\n}\n';
const CALC = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";

describe("resolveAnswer", () => {
  let root: string;
  let project: string;
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  };
  const resolve = (text: string, expectedFile?: string) => resolveAnswer(text, { project, rules, expectedFile });

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-resolve-")));
    project = path.join(root, "p");
    fs.mkdirSync(project);
    put("src/math.ts", MATH);
    put("src/format.ts", FORMAT);
    put("app/calc.py", CALC);
    put("app/old.py", "OLD = 1\n");
    fs.writeFileSync(path.join(root, "outside.py"), "SECRET = 1\n");
    fs.symlinkSync(path.join(root, "outside.py"), path.join(project, "link.py"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("Cursor: merges a ```lang:path block with lazy markers into the file and ignores the citation", async () => {
    const r = await resolve(fixture("cursor.md"));
    expect(r.failures).toEqual([]);
    expect(r.edits).toEqual([{ path: "src/math.ts", kind: "write", content: MATH.replace("a - b", "a + b"), format: "cursor", source: "info-string", block: 1, merged: true }]);
    expect(r.ignored.map((i) => [i.block, i.kind])).toEqual([[0, "citation"]]);
    expect(r.ignored[0]!.reason).toContain("never written");
  });

  it("never writes a citation block, even when it is the only block and a file is expected", async () => {
    const r = await resolve(`${F}12:15:src/math.ts\nexport function add(a: number, b: number): number {\n${F}\n`, "src/math.ts");
    expect(r.edits).toEqual([]);
    expect(r.ignored.map((i) => i.kind)).toEqual(["citation"]);
  });

  it("Aider: a two-file SEARCH/REPLACE answer (several blocks per file, empty SEARCH = new file) becomes three writes", async () => {
    const r = await resolve(fixture("aider-two-files.md"));
    expect(r.failures).toEqual([]);
    expect(r.edits.map((e) => [e.path, e.kind, e.format, e.merged])).toEqual([
      ["src/math.ts", "write", "search-replace", true],
      ["src/format.ts", "write", "search-replace", true],
      ["src/sub.ts", "write", "search-replace", true],
    ]);
    expect(r.edits[0]!.content).toBe(MATH.replace("a - b", "a + b"));
    expect(r.edits[1]!.content).toBe(
      'import { add } from "./math.js";\nimport { sub } from "./sub.js";\n\n/** "a + b = sum", for the CLI. */\nexport function show(a: number, b: number): string {\n  return `${a} + ${b} = ${add(a, b)}`;\n}\n',
    );
    expect(r.edits[2]!.content).toBe("export const sub = (a: number, b: number): number => a - b;\n");
  });

  it("Cline: <replace_in_file> with ------- SEARCH / +++++++ REPLACE and <write_to_file>", async () => {
    const r = await resolve(fixture("cline.md"));
    expect(r.failures).toEqual([]);
    expect(r.edits.map((e) => [e.path, e.format, e.source, e.content])).toEqual([
      ["app/calc.py", "cline", "tag", CALC.replace("a - b", "a + b")],
      ["app/util.py", "cline", "tag", "def clamp(x, lo, hi):\n    return max(lo, min(hi, x))\n"],
    ]);
  });

  it("Roo: <apply_diff> with a :start_line: header", async () => {
    const r = await resolve(fixture("roo.md"));
    expect(r.failures).toEqual([]);
    expect(r.edits.map((e) => [e.path, e.content])).toEqual([["app/calc.py", CALC.replace("a - b", "a + b")]]);
  });

  it("Codex V4A: update with an @@ anchor, add, delete, and update + move", async () => {
    const r = await resolve(fixture("codex-v4a.md"));
    expect(r.failures).toEqual([]);
    expect(r.edits.map((e) => [e.path, e.kind, e.format])).toEqual([
      ["app/calc.py", "write", "v4a"],
      ["app/mul.py", "write", "v4a"],
      ["app/old.py", "delete", "v4a"],
      ["src/show.ts", "write", "v4a"],
      ["src/format.ts", "delete", "v4a"],
    ]);
    expect(r.edits[0]!.content).toBe(CALC.replace("a - b", "a + b"));
    expect(r.edits[1]!.content).toBe("def mul(a, b):\n    return a * b\n");
    expect(r.edits[3]!.content).toBe(FORMAT.replace('"./math.js";', '"./math.js"; // sum helper'));
  });

  it("a path reached twice (a move's destination also written whole) goes to planning once, with a note", async () => {
    const text = `*** Begin Patch\n*** Update File: app/old.py\n*** Move to: app/new.py\n@@\n-OLD = 1\n+OLD = 2\n*** End Patch\n\n${F}python app/new.py\nNEW = 3\n${F}\n`;
    const r = await resolve(text);
    // Tags and patches are numbered after the fenced blocks: the patch is block 1, so it is the later one.
    expect(r.edits.map((e) => [e.path, e.kind, e.content ?? null])).toEqual([
      ["app/new.py", "write", "OLD = 2\n"],
      ["app/old.py", "delete", null],
    ]);
    expect(r.notes).toEqual(["app/new.py is changed twice (blocks 0 and 1); the later one is used"]);
  });

  it("V4A inside a ```diff fence reads the same as bare", async () => {
    const text = `${F}diff\n*** Begin Patch\n*** Update File: app/calc.py\n@@ def sub(a, b):\n-    return a - b\n+    return b - a\n*** End Patch\n${F}\n`;
    const r = await resolve(text);
    expect(r.edits.map((e) => [e.path, e.block, e.content])).toEqual([["app/calc.py", 0, "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return b - a\n"]]);
  });

  it("whole file after a bare path line", async () => {
    const r = await resolve(fixture("whole-file.md"));
    expect(r.edits).toEqual([{ path: "app/calc.py", kind: "write", content: CALC.replace("a - b", "a + b"), format: "path-line", source: "preceding-line", block: 0, merged: false }]);
  });

  it("a SEARCH that is not in the file is a failure naming the block, the reason and the closest lines", async () => {
    const text = `src/math.ts\n${F}ts\n<<<<<<< SEARCH\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n=======\nexport const mul = (a: number, b: number): number => a * b;\n>>>>>>> REPLACE\n${F}\n\nsrc/math.ts\n${F}ts\n<<<<<<< SEARCH\nexport function add(a: number, b: number) {\n  return a - b;\n}\n=======\nexport function add(a: number, b: number) {\n  return a + b;\n}\n>>>>>>> REPLACE\n${F}\n`;
    const r = await resolve(text);
    expect(r.edits).toEqual([]);
    expect(r.failures).toHaveLength(1);
    const f = r.failures[0]!;
    expect(f).toMatchObject({ path: "src/math.ts", block: 0, edit: 1, format: "search-replace", reason: "not-found" });
    expect(f.message).toMatch(/^SEARCH\/REPLACE block 2 of 2 for src\/math.ts: the SEARCH lines are not in the file/);
    expect(f.search).toContain("export function add(a: number, b: number) {");
    expect(f.closest).toMatchObject({ startLine: 1, endLine: 3, text: "export function add(a: number, b: number): number {\n  return a - b;\n}" });
    expect(f.closest!.similarity).toBeGreaterThan(0.8);
    expect(f.closest!.similarity).toBeLessThan(1);
  });

  it("a SEARCH that matches several places is ambiguous with the count, and nothing of that file is written", async () => {
    const text = `app/calc.py\n${F}python\n<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n${F}\n`;
    const r = await resolve(text);
    expect(r.edits).toEqual([]);
    expect(r.failures).toMatchObject([{ path: "app/calc.py", reason: "ambiguous", matches: 2 }]);
    expect(r.failures[0]!.message).toContain("match 2 places");
  });

  it("SEARCH on a missing file and an empty SEARCH on an existing one are refused with their reasons", async () => {
    const text = `app/none.py\n${F}\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n${F}\n\napp/old.py\n${F}\n<<<<<<< SEARCH\n=======\nNEW = 2\n>>>>>>> REPLACE\n${F}\n`;
    const r = await resolve(text);
    expect(r.failures.map((f) => [f.path, f.reason])).toEqual([
      ["app/none.py", "file-missing"],
      ["app/old.py", "file-exists"],
    ]);
  });

  it("a lazy block whose anchor repeats is refused, one with no anchor between markers too, and one for a new file", async () => {
    const ambiguous = `${F}python:app/calc.py\n# ... existing code ...\n    return a - b\n    # checked\n# ... rest unchanged\n${F}\n`;
    const a = await resolve(ambiguous);
    expect(a.edits).toEqual([]);
    expect(a.failures).toMatchObject([{ path: "app/calc.py", reason: "lazy-ambiguous", matches: 2, format: "cursor" }]);
    expect(a.failures[0]!.message).toContain("is in the file 2 times");

    const unanchored = `${F}python:app/calc.py\n# ... existing code ...\ndef neg(a):\n    return -a\n# ... existing code ...\n${F}\n`;
    expect((await resolve(unanchored)).failures).toMatchObject([{ reason: "lazy-unanchored" }]);

    const fresh = `${F}ts:src/new.ts\n// ... existing code ...\nexport const x = 1;\n${F}\n`;
    expect((await resolve(fresh)).failures).toMatchObject([{ path: "src/new.ts", reason: "lazy-new-file" }]);
  });

  it("a unified diff is dry-run: exact, with drifted whitespace and line numbers, or without numbers; a miss has closest lines", async () => {
    const good = `${F}diff\n--- a/app/calc.py\n+++ b/app/calc.py\n@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n${F}\n`;
    const fixed = CALC.replace("a - b", "a + b");
    expect((await resolve(good)).edits.map((e) => [e.format, e.content])).toEqual([["unified-diff", fixed]]);
    const drifted = good.replace("@@ -1,2 +1,2 @@", "@@ -40,2 +40,2 @@").replace("-    return a - b", "-    return a - b   ");
    expect((await resolve(drifted)).edits.map((e) => e.content)).toEqual([fixed]);
    const aiderUdiff = `${F}diff\n--- app/calc.py\n+++ app/calc.py\n@@ ... @@\n def add(a, b):\n-    return a - b\n+    return a + b\n${F}\n`;
    expect((await resolve(aiderUdiff)).edits.map((e) => [e.path, e.content])).toEqual([["app/calc.py", fixed]]);
    const r = await resolve(good.replace(" def add(a, b):", " def add(x, y):"));
    expect(r.edits).toEqual([]);
    expect(r.failures).toMatchObject([{ path: "app/calc.py", reason: "not-found", edit: 0, closest: { startLine: 1 } }]);
    expect(r.failures[0]!.message).toMatch(/^diff hunk 1 for app\/calc.py: the hunk's context and removed lines are not in the file/);
  });

  it("a binary or unreadable file is a failure, not a crash", async () => {
    fs.writeFileSync(path.join(project, "app/blob.bin"), Buffer.from([0, 1, 2, 0]));
    const r = await resolve(`app/blob.bin\n${F}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n${F}\n`);
    expect(r.failures).toMatchObject([{ path: "app/blob.bin", reason: "unreadable" }]);
    expect(r.failures[0]!.message).toContain("binary");
  });

  it("malformed answers are reported, never thrown and never written", async () => {
    const broken = [
      "",
      "<<<<<<< SEARCH",
      "app/calc.py\n<<<<<<< SEARCH\nx\n=======\ny\n",
      "*** Begin Patch\n*** Update File: app/calc.py\n@@\n-    return a - b\n",
      "*** Begin Patch\n*** Frobnicate File: app/calc.py\n*** End Patch\n",
      "*** Begin Patch\n*** Update File: app/calc.py\n@@\n?? what\n*** End Patch\n",
      "<replace_in_file>\n<path>app/calc.py</path>\n<diff>\n------- SEARCH\nx\n",
      "<apply_diff>\n<diff>\nno path\n</diff>\n</apply_diff>\n",
      `${F}diff\n@@ -1 +1 @@\n-a\n+b\n${F}\n`,
      `${F}ts:src/math.ts\n// ... existing code ...\n`,
      `${F}\n${F}\n${F}\n`,
      "\u0000\u0001 binary-ish \uFFFD",
    ];
    for (const text of broken) {
      const r = await resolve(text);
      expect(r.edits.filter((e) => e.content?.includes("... existing code") || e.content?.includes("SEARCH"))).toEqual([]);
    }
    const truncated = await resolve("app/calc.py\n<<<<<<< SEARCH\nx\n=======\ny\n");
    expect(truncated.ignored.map((i) => i.reason)).toEqual(["block 0: a SEARCH/REPLACE block without its REPLACE marker (the answer looks truncated)"]);
    const badPatch = await resolve("*** Begin Patch\n*** Frobnicate File: app/calc.py\n*** End Patch\n");
    expect(badPatch.ignored.map((i) => i.kind)).toEqual(["invalid"]);
    const openPatch = await resolve("*** Begin Patch\n*** Update File: app/calc.py\n@@\n-    return a - b\n");
    expect(openPatch.ignored.map((i) => i.kind)).toEqual(["truncated"]);
    expect(fs.readFileSync(path.join(project, "app/calc.py"), "utf8")).toBe(CALC);
  });

  describe("a hostile path in each format is still refused by path validation, and nothing outside is read", () => {
    const cases: Record<string, string> = {
      "fence-info": `${F}py ../outside.py\nSECRET = 2\n${F}\n`,
      cursor: `${F}python:../outside.py\nSECRET = 2\n${F}\n`,
      "cursor lazy": `${F}python:../outside.py\n# ... existing code ...\nSECRET = 2\n${F}\n`,
      "path-comment": `${F}python\n# ../outside.py\nSECRET = 2\nX = 3\n${F}\n`,
      "path-line": `../outside.py\n${F}python\nSECRET = 2\n${F}\n`,
      "search-replace": `../outside.py\n${F}python\n<<<<<<< SEARCH\nSECRET = 1\n=======\nSECRET = 2\n>>>>>>> REPLACE\n${F}\n`,
      cline: `<replace_in_file>\n<path>../outside.py</path>\n<diff>\n------- SEARCH\nSECRET = 1\n=======\nSECRET = 2\n+++++++ REPLACE\n</diff>\n</replace_in_file>\n`,
      "cline write": `<write_to_file>\n<path>/etc/cc-outside.py</path>\n<content>\nSECRET = 2\n</content>\n</write_to_file>\n`,
      "v4a update": `*** Begin Patch\n*** Update File: ../outside.py\n@@\n-SECRET = 1\n+SECRET = 2\n*** End Patch\n`,
      "v4a add": `*** Begin Patch\n*** Add File: ../outside.py\n+SECRET = 2\n*** End Patch\n`,
      "v4a move": `*** Begin Patch\n*** Update File: app/old.py\n*** Move to: ../outside.py\n@@\n-OLD = 1\n+OLD = 2\n*** End Patch\n`,
      "search-replace through a symlink": `link.py\n${F}python\n<<<<<<< SEARCH\nSECRET = 1\n=======\nSECRET = 2\n>>>>>>> REPLACE\n${F}\n`,
      "cursor lazy through a symlink": `${F}python:link.py\n# ... existing code ...\nSECRET = 2\n${F}\n`,
      "unified-diff": `--- a/../outside.py\n+++ b/../outside.py\n@@ -1 +1 @@\n-SECRET = 1\n+SECRET = 2\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, async () => {
        const r = await resolve(text);
        const plan = await planApply({ project, parsed: toParsedAnswer(r), rules });
        const hostile = (p: string): boolean => p.includes("outside") || p.includes("link.py");
        const refusedInPlan = plan.files.filter((f) => hostile(f.path)).every((f) => f.status === "rejected" && f.reasons.length > 0);
        const failed = r.failures.filter((f) => hostile(`${f.path} ${f.message}`));
        const refusedInDryRun = failed.every((f) => f.reason === "path-refused" || f.reason === "lazy-new-file");
        expect(refusedInPlan && refusedInDryRun).toBe(true);
        expect(plan.files.filter((f) => hostile(f.path)).length + failed.length).toBeGreaterThan(0);
        expect(plan.files.some((f) => hostile(f.path) && f.oldText.includes("SECRET"))).toBe(false);
        expect(fs.readFileSync(path.join(root, "outside.py"), "utf8")).toBe("SECRET = 1\n");
        // A refused move destination does not leave the source's deletion in the plan.
        expect(plan.files.filter((f) => f.action === "delete")).toEqual([]);
      });
    }
  });
});
