import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { createPythonProject, tempDir } from "../../support/verify/fixtureProjects.js";

// Answer formats through the contract: verify.plan dry-runs SEARCH/REPLACE and lazy blocks against the project,
// reports formats and match failures, and verify.apply writes only what resolved.

const F = "```";

describe("verify.plan with the answer formats", () => {
  let te: TestEngine;
  let root: string;
  beforeAll(async () => {
    te = await createTestEngine();
    root = tempDir("cc-formats-");
  });
  afterAll(async () => {
    await te.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("an Aider answer with one good and one stale block: the good file is planned and applied, the stale one reported", async () => {
    const project = path.join(root, "aider");
    createPythonProject(project);
    const answer = [
      "calc/ops.py",
      `${F}python`,
      "<<<<<<< SEARCH",
      "def mul(a, b):",
      "    return a + b  # bug",
      "=======",
      "def mul(a, b):",
      "    return a * b",
      ">>>>>>> REPLACE",
      F,
      "",
      "tests/test_ops.py",
      `${F}python`,
      "<<<<<<< SEARCH",
      "def test_mul():",
      "    assert mul(3, 4) == 13",
      "=======",
      "def test_mul():",
      "    assert mul(3, 4) == 12",
      ">>>>>>> REPLACE",
      F,
    ].join("\n");
    const plan = await te.client.call("verify.plan", { project, text: answer });
    expect(plan.files.map((f) => [f.path, f.action, f.status, f.format])).toEqual([["calc/ops.py", "modify", "ok", "search-replace"]]);
    expect(plan.failures).toMatchObject([{ path: "tests/test_ops.py", block: 1, edit: 0, reason: "not-found", closest: { startLine: 8, endLine: 9 } }]);
    const applied = await te.client.call("verify.apply", { planId: plan.planId, approve: "all" });
    expect(applied.written).toEqual(["calc/ops.py"]);
    expect(fs.readFileSync(path.join(project, "calc/ops.py"), "utf8")).toBe("def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n");
    // The stored plan keeps the failures for the Review panel.
    expect((await te.client.call("verify.getPlan", { planId: plan.planId })).failures).toHaveLength(1);
  });

  it("a Cursor answer: the lazy block is merged, the citation ignored, and the file keeps its other code", async () => {
    const project = path.join(root, "cursor");
    createPythonProject(project);
    const answer = `The bug:\n\n${F}5:6:calc/ops.py\ndef mul(a, b):\n    return a + b  # bug\n${F}\n\nFix:\n\n${F}python:calc/ops.py\n# ... existing code ...\ndef mul(a, b):\n    return a * b\n${F}\n`;
    const plan = await te.client.call("verify.plan", { project, text: answer });
    expect(plan.unmapped.map((u) => u.kind)).toEqual(["citation"]);
    expect(plan.files.map((f) => [f.path, f.action, f.format])).toEqual([["calc/ops.py", "modify", "cursor"]]);
    expect(plan.files[0]!.newText).toBe("def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n");
    expect(plan.files[0]!.flags.some((f) => f.includes("elided"))).toBe(false);
  });
});
