import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MatchFailure, TestCase, TestRunResult } from "../../../shared/contract/verify.js";
import { estimateTokenCounter } from "../../ensemble/prompt/TokenCounter.js";
import { buildFixPrompt } from "./buildFixPrompt.js";
import { loadFixPromptTemplate } from "./loadFixPromptTemplate.js";

function testRun(tests: TestCase[], output: string): TestRunResult {
  const failed = tests.filter((t) => t.status === "failed").length;
  const passed = tests.filter((t) => t.status === "passed").length;
  return {
    project: "/p",
    runner: "pytest",
    command: 'mkdir -p "$TMPDIR/cc-report" && python3 -m pytest -q --junitxml="$TMPDIR/cc-report/junit.xml"',
    exitCode: failed ? 1 : 0,
    signal: null,
    timedOut: false,
    durationMs: 1200,
    sandbox: { mode: "bwrap", limits: { timeoutSec: 60, memoryMiB: 512, maxProcesses: 64, processCapBy: "rlimit", outputCapKiB: 1024 }, notes: [] },
    tests,
    summary: { total: tests.length, passed, failed, skipped: 0, errors: 0 },
    perTest: true,
    output: { text: output, truncated: false, totalBytes: output.length },
    testsTampered: false,
    tamperedFiles: [],
    acceptedTestChanges: false,
    reward: { reward: 0.5, passRate: 0.5, validationPenalty: 0, securityPenalty: 0, fixBonus: 0, zeroReason: null, passed, failed, errors: 0, skipped: 0, fixedTests: 0, previouslyFailing: 0, formula: "" },
  };
}

const TESTS: TestCase[] = [
  { name: "test_add", file: "tests/test_calc.py", line: 4, status: "passed" },
  { name: "test_mul", file: "tests/test_calc.py", line: 8, status: "failed", message: "AssertionError: assert 5 == 6\n where 5 = mul(2, 3)" },
];
const DIFF = "--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -1,2 +1,2 @@\n def mul(a, b):\n-    return a * b\n+    return a + b\n";
const FAILURE: MatchFailure = {
  path: "calc/ops.py",
  block: 0,
  edit: 1,
  format: "search-replace",
  reason: "not-found",
  message: "SEARCH/REPLACE block 2 of 2 for calc/ops.py: the SEARCH lines are not in the file",
  search: "def mul(a,b):\n    return a+b\n",
  closest: { startLine: 4, endLine: 5, similarity: 0.87, text: "def mul(a, b):\n    return a + b" },
};
const input = { task: "Make mul multiply.", attempt: 1, files: ["calc/ops.py"] };

describe("buildFixPrompt", () => {
  it("names the failing test with its file:line and message, the diff, and the files the model may change", async () => {
    const r = await buildFixPrompt({ ...input, previousDiff: DIFF, tests: testRun(TESTS, "F.\n--- generated xml file: /tmp/cc-report/junit.xml ---\nFAILED tests/test_calc.py::test_mul\n1 failed, 1 passed") }, { tokenBudget: 4000 });
    expect(r.cut).toEqual([]);
    expect(r.overBudget).toBe(false);
    expect(r.text).toContain("## Task\nMake mul multiply.");
    expect(r.text).toContain("- `test_mul` at `tests/test_calc.py:8` (failed)\n    AssertionError: assert 5 == 6\n     where 5 = mul(2, 3)");
    expect(r.text).toContain("## Attempt 1 did not pass");
    expect(r.text).not.toContain("`test_add`");
    expect(r.text).toContain("`pytest`: 1 failed, 0 errors, 1 passed, 0 skipped of 2.");
    expect(r.text).not.toContain("cc-report"); // our report plumbing is not Cursor's business
    expect(r.text).toContain("```diff\n--- a/calc/ops.py");
    expect(r.text).toContain("FAILED tests/test_calc.py::test_mul");
    expect(r.text).toContain("The tests are correct; change only `calc/ops.py`.");
    expect(r.tokens).toBe(Math.ceil(r.text.length / 4));
  });

  it("trims a huge test output to fit the budget, keeping its tail and everything more important", async () => {
    const output = Array.from({ length: 50_000 }, (_, i) => `log line ${i} ${"x".repeat(40)}`).join("\n");
    const r = await buildFixPrompt({ ...input, previousDiff: DIFF, tests: testRun(TESTS, output) }, { tokenBudget: 1500 });
    expect(r.tokens).toBeLessThanOrEqual(1500);
    expect(r.overBudget).toBe(false);
    expect(r.cut).toHaveLength(1);
    expect(r.cut[0]).toMatch(/^test output: kept the last \d+ of 400 lines$/);
    expect(r.text).toContain("log line 49999");
    expect(r.text).not.toContain("log line 49599 ");
    expect(r.text).toMatch(/… \(\d+ earlier lines not shown\)/);
    expect(r.text).toContain("`test_mul` at `tests/test_calc.py:8`");
    expect(r.text).toContain("--- a/calc/ops.py");
    // Nearly the whole budget is used: the output keeps as many lines as fit.
    expect(r.tokens).toBeGreaterThan(1400);
  });

  it("puts the answer's match failures in, with the searched and closest lines while they fit", async () => {
    const r = await buildFixPrompt({ ...input, matchFailures: [FAILURE] }, { tokenBudget: 4000 });
    expect(r.text).toContain("The answer could not be applied, so the tests did not run.");
    expect(r.text).toContain("- SEARCH/REPLACE block 2 of 2 for calc/ops.py: the SEARCH lines are not in the file");
    expect(r.text).toContain("The closest lines in `calc/ops.py` (4-5, similarity 0.87):\n  ```\n  def mul(a, b):\n      return a + b\n  ```");
    const full = r.tokens;
    const tight = await buildFixPrompt({ ...input, matchFailures: [FAILURE] }, { tokenBudget: full - 20 });
    expect(tight.cut).toEqual(["match failures: searched and closest lines dropped"]);
    expect(tight.text).toContain("- SEARCH/REPLACE block 2 of 2 for calc/ops.py");
    expect(tight.text).not.toContain("The closest lines");
  });

  it("cuts the least important parts first: output, then diff, then messages; reports over budget when the core does not fit", async () => {
    const tests = testRun(TESTS, "o\n".repeat(300));
    const small = await buildFixPrompt({ ...input, previousDiff: DIFF.repeat(20), tests }, { tokenBudget: 330 });
    expect(small.cut.map((c) => c.split(":")[0])).toEqual(["test output", "previous diff"]);
    expect(small.cut[0]).toBe("test output: dropped");
    expect(small.tokens).toBeLessThanOrEqual(330);
    const tiny = await buildFixPrompt({ ...input, previousDiff: DIFF, tests }, { tokenBudget: 50 });
    expect(tiny.overBudget).toBe(true);
    expect(tiny.cut).toContain("failing test messages: dropped (names and file:line kept)");
    expect(tiny.text).toContain("`test_mul` at `tests/test_calc.py:8`");
    expect(tiny.text).toContain("The tests are correct; change only `calc/ops.py`.");
  });

  it("uses the user's edited copy of the template from the data folder", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-fix-"));
    try {
      const shipped = loadFixPromptTemplate(dataDir);
      expect(shipped.file).toBe(path.join(dataDir, "templates", "fix_prompt.md"));
      fs.writeFileSync(shipped.file, "FIX {{task}} / {{scope}}\n");
      const r = await buildFixPrompt({ ...input, tests: testRun(TESTS, "") }, { tokenBudget: 100, template: loadFixPromptTemplate(dataDir), counter: estimateTokenCounter });
      expect(r.text).toBe("FIX Make mul multiply. / The tests are correct; change only `calc/ops.py`.\n");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
