import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/conductor");

/** A fresh copy of a conductor fixture project in a temp folder (tests write into it). */
export function copyFixtureProject(name: "py-calc"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cc-${name}-`));
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  return fs.realpathSync(dir);
}

/** Cursor-style answers for py-calc. */
export const PY_CALC = {
  right: "Here is the fix:\n\n```python:calc.py\ndef add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n```\n",
  wrong: "Try this:\n\n```python:calc.py\ndef add(a, b):\n    return a + b + 1\n\n\ndef mul(a, b):\n    return a * b\n```\n",
  wrongAgain: "Maybe:\n\n```python:calc.py\ndef add(a, b):\n    return b + a + 1\n\n\ndef mul(a, b):\n    return a * b\n```\n",
  citation: "The function is here:\n\n```1:2:calc.py\ndef add(a, b):\n    return a - b\n```\n",
};
