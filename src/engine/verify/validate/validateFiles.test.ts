import { describe, expect, it } from "vitest";
import { VerifySection } from "../../config/sections/verify.js";
import { validateFiles } from "./validateFiles.js";

const cfg = { ...VerifySection.parse({}), languageCheckers: true };
const rules = async (files: Array<{ path: string; content: string }>, over: Partial<typeof cfg> = {}) =>
  (await validateFiles({ files, config: { ...cfg, ...over } })).map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`);

describe("validateFiles", () => {
  it("finds syntax errors with tree-sitter and Python's own compiler", async () => {
    expect(await rules([{ path: "a.py", content: "def f(:\n    return 1\n" }])).toEqual(["a.py:1 error syntax/missing"]);
    expect(await rules([{ path: "b.py", content: "x = 1\nreturn x\n" }])).toEqual(["b.py:2 error checker/python-compile"]);
    expect(await rules([{ path: "c.ts", content: "export const x = 1;\nfunction broken( {\n" }])).toEqual(["c.ts:2 error syntax/error"]);
    expect(await rules([{ path: "ok.go", content: "package main\n\nfunc main() {}\n" }])).toEqual([]);
  });

  it("applies configurable compliance rules", async () => {
    const py = "def Bad(x, y=1):\n    return x\n\n\nclass lower:\n    pass\n";
    expect(await rules([{ path: "m.py", content: py }], { requireTypeHints: true, requireDocstrings: true })).toEqual([
      "m.py:1 warning docs/docstring",
      "m.py:1 warning types/parameter-hint",
      "m.py:1 warning types/return-hint",
      "m.py:1 warning naming/function",
      "m.py:5 warning docs/docstring",
      "m.py:5 warning naming/class",
    ]);
    expect(await rules([{ path: "m.py", content: py }], { naming: false })).toEqual([]);
    const ts = `export function doIt(): void {\n  console.log("${"x".repeat(130)}");\n}\n`;
    expect(await rules([{ path: "m.ts", content: ts }], { requireDocstrings: true, forbiddenApis: ["console\\.log"] })).toEqual([
      "m.ts:1 warning docs/jsdoc",
      "m.ts:2 error policy/forbidden-api",
      "m.ts:2 warning style/max-line-length",
    ]);
  });

  it("flags security problems and ignores them in comments", async () => {
    const py = [
      "import subprocess, requests, yaml",
      "# eval() is bad, says the comment",
      "eval(user)",
      "subprocess.run(cmd, shell=True)",
      "requests.get(url, verify=False)",
      "yaml.load(data)",
      "API_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'",
      "password = 'changeme'",
    ].join("\n");
    expect(await rules([{ path: "s.py", content: py }])).toEqual([
      "s.py:3 error security/eval",
      "s.py:4 error security/shell-true",
      "s.py:5 error security/tls-disabled",
      "s.py:6 warning security/yaml-load",
      "s.py:7 error security/secret",
      "s.py:7 warning security/secret",
    ]);
    const js = "const https = require('https');\nnew https.Agent({ rejectUnauthorized: false });\nconst f = new Function('return 1');\nconst key = 'AKIAABCDEFGHIJKLMNOP';\n";
    expect(await rules([{ path: "s.js", content: js }])).toEqual(["s.js:2 error security/tls-disabled", "s.js:3 error security/new-function", "s.js:4 error security/secret"]);
  });
});
