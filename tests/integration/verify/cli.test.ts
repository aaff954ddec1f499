import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TestRunResult } from "../../../src/shared/contract/verify.js";
import { createPythonProject, createVitestProject, PYTHON_FIX_ANSWER, REPO_ROOT, tempDir } from "../../support/verify/fixtureProjects.js";

// The acceptance path: the real CLI (`codeconductor test | apply | undo`) against fixture projects.

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/cli/run.ts"), ...args], { cwd: REPO_ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("codeconductor test / apply / undo", () => {
  const root = tempDir("cc-cli-");
  const dataDir = path.join(root, "data");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("runs pytest and vitest suites in the sandbox and prints per-test results and the reward breakdown", async () => {
    const py = path.join(root, "py");
    const ts = path.join(root, "ts");
    createPythonProject(py);
    createVitestProject(ts);
    const human = await cli(["test", "--project", py, "--data-dir", dataDir]);
    expect(human.code).toBe(1); // a test fails
    expect(human.stdout).toContain("sandbox: bwrap");
    expect(human.stdout).toMatch(/✔ tests\/test_ops\.py:4 test_add/);
    expect(human.stdout).toMatch(/✘ tests\/test_ops\.py:8 test_mul/);
    expect(human.stdout).toContain("Reward 0.50 = pass rate 0.50 − validation 0.00 − security 0.00 + fix bonus 0.00");

    const json = await cli(["test", "--project", ts, "--json", "--data-dir", dataDir]);
    const r = JSON.parse(json.stdout) as TestRunResult;
    expect(r.runner).toBe("vitest");
    expect(r.sandbox.mode).toBe("bwrap");
    expect(typeof r.reward.reward).toBe("number");
    expect(r.reward.reward).toBeGreaterThanOrEqual(0);
    expect(r.reward.reward).toBeLessThanOrEqual(1);
    expect(r.reward).toMatchObject({ passRate: 0.5, validationPenalty: 0, securityPenalty: 0, fixBonus: 0 });
    expect(r.tests.map((t) => t.status)).toEqual(["passed", "failed"]);
  });

  it("applies an answer from a file only with --yes, and undo restores it", async () => {
    const py = path.join(root, "py2");
    createPythonProject(py);
    const answer = path.join(root, "answer.md");
    fs.writeFileSync(answer, PYTHON_FIX_ANSWER);
    const original = fs.readFileSync(path.join(py, "calc/ops.py"));
    const preview = await cli(["apply", "--project", py, "--from", answer, "--data-dir", dataDir]);
    expect(preview.stdout).toContain("MODIFY    calc/ops.py");
    expect(preview.stdout).toContain("+    return a * b");
    expect(preview.stdout).toContain("Nothing written");
    expect(fs.readFileSync(path.join(py, "calc/ops.py")).equals(original)).toBe(true);
    const applied = JSON.parse((await cli(["apply", "--project", py, "--from", answer, "--yes", "--json", "--data-dir", dataDir])).stdout) as { applied: boolean; written: string[] };
    expect(applied).toMatchObject({ applied: true, written: ["calc/ops.py"] });
    expect(fs.readFileSync(path.join(py, "calc/ops.py"), "utf8")).toContain("return a * b");
    const undone = await cli(["undo", "--project", py, "--json", "--data-dir", dataDir]);
    expect(JSON.parse(undone.stdout)).toMatchObject({ restored: ["calc/ops.py"] });
    expect(fs.readFileSync(path.join(py, "calc/ops.py")).equals(original)).toBe(true);
    const clip = await cli(["apply", "--project", py, "--clipboard", "--json", "--data-dir", dataDir]);
    expect(clip.code).toBe(1);
    // No display in this test: the clipboard is unavailable, and the error says so.
    expect(JSON.parse(clip.stdout).error.code).toMatch(/^(invalid_input|unavailable)$/);
  });
});
