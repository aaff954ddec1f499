import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DemoResult, PatternDocument, PatternSummary } from "../../../src/shared/contract/learning.js";
import { createTestEngine } from "../../support/createTestEngine.js";
import { makeAttempt } from "../../support/learning/makeAttempt.js";

const REPO = path.resolve(import.meta.dirname, "../../..");

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(REPO, "src/cli/run.ts"), ...args], { cwd: REPO, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("codeconductor patterns / learn", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-learn-cli-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists, searches, shows, exports, imports into a new data folder and deletes patterns from loop attempts", async () => {
    const data = path.join(root, "a");
    const t = await createTestEngine({ dataDir: data });
    t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Fix the tokenizer crash on empty input", code: "def tokenize(s): return s.split() if s else []" }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Add a slugify helper", code: "def slugify(s): return s.lower()" }));
    await t.dispose();

    const list = JSON.parse((await cli(["patterns", "list", "--json", "--data-dir", data])).stdout) as { patterns: PatternSummary[]; total: number };
    expect(list.total).toBe(2);
    const search = await cli(["patterns", "search", "tokenizer", "--data-dir", data]);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain("Fix the tokenizer crash on empty input");
    expect(search.stdout).not.toContain("slugify");
    const id = list.patterns.find((p) => p.task.includes("tokenizer"))!.id;
    const show = await cli(["patterns", "show", id, "--data-dir", data]);
    expect(show.stdout).toContain("def tokenize(s)");

    const file = path.join(root, "export.json");
    expect((await cli(["patterns", "export", file, "--data-dir", data])).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PatternDocument;
    expect(doc).toMatchObject({ format: "codeconductor.patterns", version: 1 });
    const fresh = path.join(root, "b");
    const imp = JSON.parse((await cli(["patterns", "import", file, "--json", "--data-dir", fresh])).stdout) as { imported: number };
    expect(imp.imported).toBe(2);

    fs.writeFileSync(path.join(root, "broken.json"), fs.readFileSync(file, "utf8").slice(0, 200));
    const bad = await cli(["patterns", "import", path.join(root, "broken.json"), "--data-dir", fresh]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Import refused: not JSON.*Nothing was changed/);

    expect((await cli(["patterns", "delete", id, "--data-dir", fresh])).code).toBe(0);
    const after = JSON.parse((await cli(["patterns", "list", "--json", "--data-dir", fresh])).stdout) as { total: number };
    expect(after.total).toBe(1);
  }, 300_000);

  it("learn demo --json prints the documented figures for the bandit", async () => {
    const r = await cli(["learn", "demo", "--json", "--episodes", "200", "--seed", "3", "--data-dir", path.join(root, "c")]);
    const demo = JSON.parse(r.stdout) as DemoResult;
    expect(Object.keys(demo).sort()).toEqual(["bestArmShare", "cumulativeRegret", "episodes", "policy", "randomRegret", "seed"]);
    expect(demo).toMatchObject({ policy: "bandit", episodes: 200, seed: 3 });
    expect(demo.cumulativeRegret).toBeLessThan(demo.randomRegret);
  });
});
