import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (its node_modules give TS fixtures a real vitest, read-only inside the sandbox). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Write `files` (relative path → content) under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
}

/** A fresh temp folder (real path) that the caller removes. */
export function tempDir(prefix = "cc-verify-"): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A pytest project with one passing and one failing test (`mul` is wrong until fixed). */
export function createPythonProject(root: string): void {
  writeTree(root, {
    "calc/__init__.py": "",
    "calc/ops.py": "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a + b  # bug\n",
    "tests/test_ops.py": "from calc.ops import add, mul\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_mul():\n    assert mul(3, 4) == 12\n",
    "pytest.ini": "[pytest]\ntestpaths = tests\npythonpath = .\n",
  });
}

/** The AI answer that fixes the Python project. */
export const PYTHON_FIX_ANSWER = "The bug is in `mul`:\n\n```python calc/ops.py\ndef add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n```\n";

/** A vitest project (TypeScript) with one passing and one failing test; node_modules links to the repo's. */
export function createVitestProject(root: string): void {
  writeTree(root, {
    "package.json": JSON.stringify({ name: "fixture", private: true, type: "module", devDependencies: { vitest: "*" } }, null, 2),
    "src/str.ts": "export const shout = (s: string): string => s.toUpperCase() + \"!\";\nexport const whisper = (s: string): string => s.toUpperCase();\n",
    "test/str.test.ts": 'import { describe, expect, it } from "vitest";\nimport { shout, whisper } from "../src/str";\n\ndescribe("str", () => {\n  it("shouts", () => {\n    expect(shout("hi")).toBe("HI!");\n  });\n  it("whispers", () => {\n    expect(whisper("HI")).toBe("hi");\n  });\n});\n',
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"));
}

/** The AI answer that fixes the vitest project. */
export const VITEST_FIX_ANSWER =
  "Fix `whisper`:\n\n```diff\n--- a/src/str.ts\n+++ b/src/str.ts\n@@ -1,2 +1,2 @@\n export const shout = (s: string): string => s.toUpperCase() + \"!\";\n-export const whisper = (s: string): string => s.toUpperCase();\n+export const whisper = (s: string): string => s.toLowerCase();\n```\n";
