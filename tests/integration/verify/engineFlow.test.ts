import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../src/shared/contract/errors.js";
import type { TestRunResult } from "../../../src/shared/contract/verify.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { processesMatching } from "../../support/verify/processScan.js";
import { createPythonProject, createVitestProject, PYTHON_FIX_ANSWER, tempDir, VITEST_FIX_ANSWER } from "../../support/verify/fixtureProjects.js";

// The whole loop through the engine's contract: test → plan an AI answer → apply → test (reward changes) → undo.

async function runTests(te: TestEngine, input: Record<string, unknown>): Promise<TestRunResult> {
  const { runId } = await te.client.call("runs.start", { kind: "verify.test", input });
  await te.engine.ctx.runs.wait(runId);
  const got = await te.client.call("runs.get", { runId });
  if (got.run.status !== "succeeded") throw AppError.fromWire({ code: (got.run.error?.code ?? "internal") as ErrorCode, message: got.run.error?.message ?? "failed" });
  return got.result as TestRunResult;
}

describe("verify through the engine", () => {
  let te: TestEngine;
  let root: string;
  beforeAll(async () => {
    te = await createTestEngine({ configYaml: "sandbox:\n  timeoutSec: 60\n" });
    root = tempDir("cc-flow-");
  });
  afterAll(async () => {
    await te.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("pytest: a failing test passes after applying the fix; reward rises, undo brings it back", async () => {
    const project = path.join(root, "py");
    createPythonProject(project);
    expect(await te.client.call("verify.detect", { project })).toMatchObject({ runner: "pytest" });
    const before = await runTests(te, { project, promptId: "p1", attempt: 1 });
    expect(before.sandbox.mode).toBe("bwrap");
    expect(before.tests.map((t) => [t.name, t.status])).toEqual([
      ["test_add", "passed"],
      ["test_mul", "failed"],
    ]);
    expect(before.reward).toMatchObject({ reward: 0.5, passRate: 0.5, zeroReason: null });

    const plan = await te.client.call("verify.plan", { project, text: PYTHON_FIX_ANSWER });
    expect(plan.files.map((f) => [f.path, f.action, f.status])).toEqual([["calc/ops.py", "modify", "ok"]]);
    const applied = await te.client.call("verify.apply", { planId: plan.planId, approve: "all" });
    expect(applied.written).toEqual(["calc/ops.py"]);

    const after = await runTests(te, { project, promptId: "p1", attempt: 2 });
    expect(after.summary).toMatchObject({ passed: 2, failed: 0 });
    expect(after.reward).toMatchObject({ reward: 1, passRate: 1, fixedTests: 1, previouslyFailing: 1, fixBonus: 0.1 });

    const history = await te.client.call("verify.history", { project });
    expect(history.applies[0]).toMatchObject({ applyId: applied.applyId, undoneAt: null, files: [{ path: "calc/ops.py", action: "modify" }] });
    await te.client.call("verify.undo", { project });
    const undone = await runTests(te, { project });
    expect(undone.reward.reward).toBe(0.5);
    expect(fs.readFileSync(path.join(project, "calc/ops.py"), "utf8")).toContain("return a + b  # bug");

    const kpis = await te.client.call("verify.kpis", { project });
    expect(kpis).toEqual({ runs: 3, passRate: 0.6667, meanReward: 0.6667, firstPromptSuccess: 0 });
  });

  it("vitest (TypeScript): a diff answer fixes the failing test", async () => {
    const project = path.join(root, "ts");
    createVitestProject(project);
    const before = await runTests(te, { project, promptId: "p2", attempt: 1 });
    expect(before.runner).toBe("vitest");
    expect(before.tests.map((t) => [t.name, t.status, t.file])).toEqual([
      ["str shouts", "passed", "test/str.test.ts"],
      ["str whispers", "failed", "test/str.test.ts"],
    ]);
    const plan = await te.client.call("verify.plan", { project, text: VITEST_FIX_ANSWER });
    await te.client.call("verify.apply", { planId: plan.planId, approve: ["src/str.ts"] });
    const after = await runTests(te, { project });
    expect(after.reward).toMatchObject({ reward: 1, passed: 2, failed: 0, fixedTests: 1 });
  });

  it("marks a candidate that edits tests as tests_tampered (reward 0) unless accepted; security findings cost reward", async () => {
    const project = path.join(root, "tamper");
    createPythonProject(project);
    await runTests(te, { project });
    const cheat = "```python tests/test_ops.py\nfrom calc.ops import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n```\n";
    const plan = await te.client.call("verify.plan", { project, text: cheat });
    expect(plan.touchesTests).toBe(true);
    await te.client.call("verify.apply", { planId: plan.planId, approve: "all" });
    const tampered = await runTests(te, { project });
    expect(tampered).toMatchObject({ testsTampered: true, tamperedFiles: ["tests/test_ops.py"], acceptedTestChanges: false });
    expect(tampered.summary.failed).toBe(0);
    expect(tampered.reward).toMatchObject({ reward: 0, zeroReason: "tests_tampered" });
    const again = await runTests(te, { project });
    expect(again.reward.zeroReason).toBe("tests_tampered");
    const accepted = await runTests(te, { project, acceptTestChanges: true });
    expect(accepted).toMatchObject({ testsTampered: true, acceptedTestChanges: true });
    expect(accepted.reward.reward).toBe(1);
    const clean = await runTests(te, { project });
    expect(clean.testsTampered).toBe(false);

    const risky = "```python calc/ops.py\ndef add(a, b):\n    return eval(f'{a} + {b}')\n\n\ndef mul(a, b):\n    return a * b\n```\n";
    const plan2 = await te.client.call("verify.plan", { project, text: risky });
    expect(plan2.files[0]!.findings.map((f) => f.rule)).toContain("security/eval");
    await te.client.call("verify.apply", { planId: plan2.planId, approve: "all" });
    const penalised = await runTests(te, { project });
    expect(penalised.reward).toMatchObject({ passRate: 1, securityPenalty: 0.25, reward: 0.75 });
  });

  it("refuses to run without a sandbox until the project consents, then runs unsandboxed and says so", async () => {
    const noSandbox = await createTestEngine({ configYaml: "sandbox:\n  bwrapPath: /nonexistent/bwrap\n  timeoutSec: 60\n" });
    try {
      const project = path.join(root, "consent");
      createPythonProject(project);
      const status = await noSandbox.client.call("verify.sandboxStatus", { project });
      expect(status).toMatchObject({ available: false, consented: false });
      await expect(runTests(noSandbox, { project })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      await noSandbox.client.call("verify.consent", { project, grant: true });
      const r = await runTests(noSandbox, { project });
      expect(r.sandbox.mode).toBe("unsandboxed");
      expect(r.sandbox.notes.join(" ")).toMatch(/UNSANDBOXED/);
      expect(r.summary).toMatchObject({ passed: 1, failed: 1 });
      const checks = (await noSandbox.client.call("system.doctor", {})).checks;
      expect(checks.find((c) => c.id === "verify.sandbox")).toMatchObject({ status: "warn" });
      expect(checks.find((c) => c.id === "verify.sandbox")?.fix).toMatch(/bubblewrap/);
    } finally {
      await noSandbox.dispose();
    }
  });

  it("cancelling a test run kills the sandboxed processes", async () => {
    const project = path.join(root, "py");
    const marker = `ccCancel${Date.now()}`;
    const { runId } = await te.client.call("runs.start", { kind: "verify.test", input: { project, command: `sleep 60 # ${marker}` } });
    for (let i = 0; i < 100 && !processesMatching(marker).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(processesMatching(marker).length).toBeGreaterThan(0);
    await te.client.call("runs.cancel", { runId });
    await te.engine.ctx.runs.wait(runId);
    expect((await te.client.call("runs.get", { runId })).run.status).toBe("cancelled");
    expect(processesMatching(marker)).toEqual([]);
  });

  it("reports KPIs across prompts: first_prompt_success", async () => {
    const kpis = await te.client.call("verify.kpis", {});
    // p1's first attempt failed one test; p2's first attempt too.
    expect(kpis.firstPromptSuccess).toBe(0);
    const project = path.join(root, "ts");
    await runTests(te, { project, promptId: "p3", attempt: 1 });
    expect((await te.client.call("verify.kpis", {})).firstPromptSuccess).toBeCloseTo(1 / 3, 3);
  });
});
