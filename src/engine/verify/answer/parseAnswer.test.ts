import { describe, expect, it } from "vitest";
import { parseAnswer } from "./parseAnswer.js";

const F = "```";

describe("parseAnswer", () => {
  it("reads several files tagged in the info string, with prose around them", () => {
    const text = [
      "Sure! Here's the fix. First the helper:",
      "",
      `${F}ts src/math/add.ts`,
      "export const add = (a: number, b: number): number => a + b;",
      F,
      "",
      "And the Python side, using the `lang:path` style:",
      `${F}python:app/calc.py`,
      "def add(a, b):",
      "    return a + b",
      F,
      "Let me know if you need anything else.",
    ].join("\n");
    const r = parseAnswer(text);
    expect(r.files).toEqual([
      { path: "src/math/add.ts", kind: "write", content: "export const add = (a: number, b: number): number => a + b;\n", language: "ts", source: "info-string", format: "fence-info", block: 0 },
      { path: "app/calc.py", kind: "write", content: "def add(a, b):\n    return a + b\n", language: "python", source: "info-string", format: "cursor", block: 1 },
    ]);
    expect(r.unmapped).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it("takes a path from a first-line comment and drops that line", () => {
    const text = `${F}typescript\n// File: src/util/slug.ts\nexport function slug(s: string): string {\n  return s.toLowerCase();\n}\n${F}\n\n${F}python\n# app/models/user.py\nclass User:\n    pass\n${F}\n`;
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.source, f.content])).toEqual([
      ["src/util/slug.ts", "first-line", "export function slug(s: string): string {\n  return s.toLowerCase();\n}\n"],
      ["app/models/user.py", "first-line", "class User:\n    pass\n"],
    ]);
  });

  it("takes a path from the line just before the fence in its common shapes", () => {
    const text = [
      "**src/a.ts**",
      `${F}ts`,
      "export const a = 1;",
      F,
      "### `lib/b.py`",
      "",
      `${F}python`,
      "B = 2",
      F,
      "Update `cmd/main.go` as follows:",
      `${F}go`,
      "package main",
      F,
      "File: web/index.html",
      `${F}html`,
      "<p>x</p>",
      F,
    ].join("\n");
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.source])).toEqual([
      ["src/a.ts", "preceding-line"],
      ["lib/b.py", "preceding-line"],
      ["cmd/main.go", "preceding-line"],
      ["web/index.html", "preceding-line"],
    ]);
  });

  it("normalizes Windows line endings", () => {
    const text = `Here:\r\n${F}js src/x.js\r\nconst a = 1;\r\nconst b = 2;\r\n${F}\r\n`;
    const r = parseAnswer(text);
    expect(r.files).toEqual([{ path: "src/x.js", kind: "write", content: "const a = 1;\nconst b = 2;\n", language: "js", source: "info-string", format: "fence-info", block: 0 }]);
  });

  it("maps one untagged block to the expected file, and reports it without one", () => {
    const text = `Here is the corrected function:\n\n${F}python\ndef f():\n    return 1\n${F}\n\nRun it with:\n${F}bash\npython -m app\n${F}\n`;
    const mapped = parseAnswer(text, { expectedFile: "app/f.py" });
    expect(mapped.files).toEqual([{ path: "app/f.py", kind: "write", content: "def f():\n    return 1\n", language: "python", source: "expected-file", format: "expected-file", block: 0 }]);
    expect(mapped.unmapped).toEqual([{ block: 1, language: "bash", kind: "commands", reason: "a bash block (commands or output), not a file", preview: "python -m app\n" }]);
    const bare = parseAnswer(text);
    expect(bare.files).toEqual([]);
    expect(bare.unmapped.map((u) => [u.block, u.reason])).toEqual([
      [0, "no path given for this block"],
      [1, "a bash block (commands or output), not a file"],
    ]);
  });

  it("does not guess between several untagged blocks", () => {
    const text = `${F}python\nx = 1\n${F}\nor\n${F}python\nx = 2\n${F}\n`;
    const r = parseAnswer(text, { expectedFile: "x.py" });
    expect(r.files).toEqual([]);
    expect(r.unmapped.map((u) => u.reason)).toEqual([
      "no path given, and 2 untagged blocks: cannot tell which one is x.py",
      "no path given, and 2 untagged blocks: cannot tell which one is x.py",
    ]);
  });

  it("reads fenced and bare unified diffs, including new and deleted files", () => {
    const text = [
      "Apply this patch:",
      `${F}diff`,
      "diff --git a/src/a.py b/src/a.py",
      "index 1111111..2222222 100644",
      "--- a/src/a.py",
      "+++ b/src/a.py",
      "@@ -1,2 +1,2 @@",
      " def a():",
      "-    return 1",
      "+    return 2",
      "--- /dev/null",
      "+++ b/src/new.py",
      "@@ -0,0 +1 @@",
      "+NEW = True",
      F,
      "And remove the old module:",
      "--- a/src/old.py",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-OLD = 1",
      "",
      "That's all.",
    ].join("\n");
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.kind, f.source, f.block])).toEqual([
      ["src/a.py", "patch", "diff", 0],
      ["src/new.py", "patch", "diff", 0],
      ["src/old.py", "delete", "diff", 1],
    ]);
    expect(r.files[0]!.patch).toBe("--- a/src/a.py\n+++ b/src/a.py\n@@ -1,2 +1,2 @@\n def a():\n-    return 1\n+    return 2\n");
    expect(r.files[1]!.patch).toBe("--- /dev/null\n+++ b/src/new.py\n@@ -0,0 +1,1 @@\n+NEW = True\n");
  });

  it("uses the surrounding path for a headerless diff and reports one without any path", () => {
    const text = `In \`src/x.ts\`:\n${F}diff\n@@ -1 +1 @@\n-a\n+b\n${F}\n\n${F}diff\n@@ -1 +1 @@\n-c\n+d\n${F}\n`;
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.kind])).toEqual([["src/x.ts", "patch"]]);
    expect(r.unmapped).toEqual([{ block: 1, language: "diff", kind: "no-path", reason: "block 1: a diff without file names and no path around it", preview: "@@ -1 +1 @@\n-c\n+d" }]);
  });

  it("keeps inner fences of a markdown file inside a longer fence and flags truncation", () => {
    const text = `${"````"}md docs/README.md\n# T\n${F}sh\nnpm test\n${F}\n${"````"}\n\n${F}ts src/cut.ts\nexport const x =`;
    const r = parseAnswer(text);
    expect(r.files).toEqual([{ path: "docs/README.md", kind: "write", content: `# T\n${F}sh\nnpm test\n${F}\n`, language: "md", source: "info-string", format: "fence-info", block: 0 }]);
    expect(r.unmapped.map((u) => [u.block, u.reason])).toEqual([[1, "the block is not closed (the answer looks truncated)"]]);
  });

  it("keeps hostile paths verbatim so planning can reject them, and notes duplicates", () => {
    const text = `${F}sh ../../.ssh/authorized_keys\nssh-rsa AAAA\n${F}\n${F}py a.py\nx=1\n${F}\n${F}py a.py\nx=2\n${F}\n`;
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.content])).toEqual([
      ["../../.ssh/authorized_keys", "ssh-rsa AAAA\n"],
      ["a.py", "x=2\n"],
    ]);
    expect(r.notes).toEqual(["a.py is proposed more than once (blocks 1 and 2); the later one is used"]);
  });

  it("reads indented blocks inside list items and title= attributes", () => {
    const text = `1. Create the config:\n\n   ${F}yaml title="config/app.yml"\n   port: 8080\n   debug: false\n   ${F}\n`;
    const r = parseAnswer(text);
    expect(r.files).toEqual([{ path: "config/app.yml", kind: "write", content: "port: 8080\ndebug: false\n", language: "yaml", source: "info-string", format: "fence-info", block: 0 }]);
  });

  it("reads SEARCH/REPLACE blocks with the path inside the fence, bare ones, and repeats the last path when omitted", () => {
    const text = [
      `${F}`,
      "src/a.py",
      "<<<<<<< SEARCH",
      "x = 1",
      "=======",
      "x = 2",
      ">>>>>>> REPLACE",
      "",
      "<<<<<<< SEARCH",
      "y = 1",
      "=======",
      "y = 2",
      ">>>>>>> REPLACE",
      F,
      "",
      "lib/b.py",
      "------- SEARCH",
      "z = 1",
      "=======",
      "z = 2",
      "+++++++ REPLACE",
    ].join("\n");
    const r = parseAnswer(text);
    expect(r.files.map((f) => [f.path, f.kind, f.format, f.source, f.edits])).toEqual([
      ["src/a.py", "edit", "search-replace", "preceding-line", [{ search: "x = 1\n", replace: "x = 2\n" }, { search: "y = 1\n", replace: "y = 2\n" }]],
      ["lib/b.py", "edit", "cline", "preceding-line", [{ search: "z = 1\n", replace: "z = 2\n" }]],
    ]);
    expect(r.unmapped).toEqual([]);
  });

  it("reports a SEARCH/REPLACE block cut off before its REPLACE marker instead of guessing", () => {
    const r = parseAnswer(`a.py\n${F}\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n${F}\n`);
    expect(r.files).toEqual([]);
    expect(r.unmapped.map((u) => [u.kind, u.reason])).toEqual([["invalid", "block 0: a SEARCH/REPLACE block without its REPLACE marker (the answer looks truncated)"]]);
  });

  it("marks a block with lazy markers as a merge and a ```12:15:path citation as ignored", () => {
    const r = parseAnswer(`${F}3:4:src/x.ts\nconst a = 1;\n${F}\n${F}ts:src/x.ts\n// ... existing code ...\nconst a = 2;\n${F}\n`);
    expect(r.files.map((f) => [f.path, f.kind, f.format])).toEqual([["src/x.ts", "merge", "cursor"]]);
    expect(r.unmapped.map((u) => [u.block, u.kind])).toEqual([[0, "citation"]]);
  });

  it("does not write a command block into the script named on the line before it", () => {
    const r = parseAnswer(`Then run \`app/main.py\`:\n${F}bash\npython app/main.py --fast\n${F}\n\n\`scripts/setup.sh\`:\n${F}bash\nset -e\nnpm ci\n${F}\n`);
    expect(r.files.map((f) => [f.path, f.format])).toEqual([["scripts/setup.sh", "path-line"]]);
    expect(r.unmapped.map((u) => [u.block, u.kind])).toEqual([[0, "commands"]]);
  });
});
