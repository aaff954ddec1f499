import type { AttemptRecord } from "../../../src/shared/contract/conductor.js";

let counter = 0;

/** A complete, contract-valid attempt record; override what the test is about. */
export function makeAttempt(over: Partial<AttemptRecord> & { code?: string } = {}): AttemptRecord {
  counter++;
  const { code, ...rest } = over;
  const passed = rest.passed ?? true;
  const reward = passed ? 0.9 : 0.2;
  const body = code ?? `def add(a, b):\n    return a + b  # ${counter}\n`;
  return {
    id: `att-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    runId: `run-${counter}`,
    promptId: `prompt-${counter}`,
    iteration: 1,
    task: "Add an add() function to calc.py",
    project: "/tmp/project",
    generator: "clipboard",
    prompt: "Write add(a, b) in calc.py",
    answer: "```python:calc.py\n" + body + "```",
    files: [{ path: "calc.py", action: "modify", diff: `@@ -1 +1,2 @@\n+${body}` }],
    validation: { errors: 0, warnings: 0, securityHigh: 0, securityMedium: 0, findings: [] },
    tests: { runner: "pytest", passed: passed ? 3 : 1, failed: passed ? 0 : 2, errors: 0, skipped: 0, failing: passed ? [] : [{ name: "test_add", file: "tests/test_calc.py", line: 4, message: "AssertionError: assert 3 == 4" }] },
    reward: {
      reward,
      passRate: passed ? 1 : 0.33,
      validationPenalty: 0,
      securityPenalty: 0,
      fixBonus: 0,
      zeroReason: null,
      passed: passed ? 3 : 1,
      failed: passed ? 0 : 2,
      errors: 0,
      skipped: 0,
      fixedTests: 0,
      previouslyFailing: 0,
      formula: "passRate - penalties",
    },
    passed,
    models: ["ollama:local/qwen2.5-coder:7b"],
    personas: [],
    timings: { awaitMs: 1000, testMs: 500, totalMs: 2000 },
    startedAt: Date.now() - 2000,
    endedAt: Date.now(),
    ...rest,
  };
}
