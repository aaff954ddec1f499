import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/engine/config/loadConfig.js";
import { createEngine } from "../../../src/engine/createEngine.js";
import { inertPorts } from "../../../src/engine/ports.js";
import type { KpiReport, RunDetail } from "../../../src/shared/contract/insight.js";
import pino from "pino";
import { seedLoopRun } from "../../support/insight/seedLoopRun.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/cli/run.ts"), ...args], { cwd: REPO_ROOT, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// The acceptance path: `runs show`, `kpis`, `export`, `import-case` through the real CLI on a seeded data folder.
describe("codeconductor runs show / kpis / export / import-case", { timeout: 600_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-insight-cli-"));
  const dataDir = path.join(root, "data");
  let runId = "";
  beforeAll(async () => {
    // (seeding opens the engine once; the CLI then runs against the same data folder)
    const engine = await createEngine(loadConfig(dataDir, {}), inertPorts(dataDir), { logger: pino({ enabled: false }) });
    runId = seedLoopRun(engine.ctx.db, { project: path.join(root, "calc"), startedAt: Date.parse("2026-03-01T10:00:00Z") }).runId;
    seedLoopRun(engine.ctx.db, { project: path.join(root, "old"), startedAt: Date.parse("2025-01-01T10:00:00Z") });
    await engine.dispose();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("runs show prints the timeline with applies and undos, and --json the detail", async () => {
    const human = await cli(["runs", "show", runId, "--data-dir", dataDir]);
    expect(human.stderr).toBe("");
    expect(human.stdout).toContain("Timeline:");
    expect(human.stdout).toMatch(/undo\s+Undone/);
    expect(human.stdout).toMatch(/tests\s+Tests: 2 passed, 0 failed/);
    const json = JSON.parse((await cli(["runs", "show", runId, "--json", "--data-dir", dataDir])).stdout) as RunDetail;
    expect(json.kpis.iterations_to_green).toBe(2);
    expect(json.applies.map((a) => a.undoneAt === null)).toEqual([false, true]);
  });

  it("kpis --since filters by date and --json follows the schema", async () => {
    const all = JSON.parse((await cli(["kpis", "--json", "--data-dir", dataDir])).stdout) as KpiReport;
    expect(all.totals.runs).toBe(2);
    const since = JSON.parse((await cli(["kpis", "--since", "2026-01-01", "--json", "--data-dir", dataDir])).stdout) as KpiReport;
    expect(since.runs.map((r) => r.run_id)).toEqual([runId]);
    expect(since.totals).toMatchObject({ first_prompt_success: 0, mean_iterations_to_green: 2, mean_reward: 1 });
    const bad = await cli(["kpis", "--since", "yesterdayish", "--data-dir", dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a date");
  });

  it("export --json prints {path, sha256, privacy, files} and import-case unpacks it", async () => {
    const out = path.join(root, "exports");
    const r = await cli(["export", "--run", runId, "--privacy", "team_safe", "--out", out, "--json", "--data-dir", dataDir]);
    const ex = JSON.parse(r.stdout) as { path: string; sha256: string; privacy: string; files: string[] };
    expect(ex.path).toBe(path.join(out, `codeconductor_case_${runId}.zip`));
    expect(ex.privacy).toBe("team_safe");
    expect(ex.files).toContain("manifest.json");
    const imp = await cli(["import-case", ex.path, "--data-dir", dataDir]);
    expect(imp.stdout).toMatch(/Imported case [0-9a-f]{16}/);
    const caseId = /Imported case ([0-9a-f]{16})/.exec(imp.stdout)![1]!;
    const shown = await cli(["runs", "show", caseId, "--case", "--data-dir", dataDir]);
    expect(shown.stdout).toContain("imported case, read-only");
  });
});
