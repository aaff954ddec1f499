import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnsembleRunResult } from "../../../src/shared/contract/ensemble.js";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { runToCompletion } from "../../../src/shared/rpc/runToCompletion.js";
import { startFakeOllama, type FakeServer } from "../../support/fakeServers/index.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { makeAttempt } from "../../support/learning/makeAttempt.js";
import { ANSWER_A } from "../../support/ensemble/analyses.js";

const A = "ollama:local/a:1b";
const B = "ollama:local/b:1b";
const C = "ollama:local/c:1b";
let ollama: FakeServer;
const roots: string[] = [];

beforeAll(async () => {
  ollama = await startFakeOllama({ models: [{ name: "a:1b" }, { name: "b:1b" }, { name: "c:1b" }], reply: () => JSON.stringify(ANSWER_A) });
});
afterAll(async () => {
  await ollama?.close();
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const yaml = (extra: string[] = []): string =>
  ["models:", "  discovery: false", "  backends: [ollama]", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }", "  maxParallel: 1", ...extra, "ensemble:", "  size: 1"].join("\n");

async function engine(env: NodeJS.ProcessEnv, dataDir?: string): Promise<TestEngine> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cc-select-"));
  if (!dataDir) roots.push(dir);
  return createTestEngine({ configYaml: yaml(), env, dataDir: dir });
}

/** Twenty bug-fix attempts per model: C always green, A and B never. */
function teach(t: TestEngine): void {
  for (let i = 0; i < 20; i++) {
    for (const m of [A, B, C]) t.engine.bus.publish("conductor.attempt", makeAttempt({ task: `Fix bug ${i} in the parser`, models: [m], passed: m === C, code: `fix ${i} by ${m}` }));
  }
}

describe("selectors", () => {
  it("SELECTOR_POLICY=bandit changes the members a run uses, and the run carries the decision with its reason", async () => {
    const all = await engine({ SELECTOR_POLICY: "all" });
    teach(all);
    const plain = await runToCompletion(all.client, "ensemble.run", { prompt: "Fix the crash in the parser" });
    expect(plain.members.map((m) => m.modelId)).toEqual([A]);
    await all.dispose();

    const t = await engine({ SELECTOR_POLICY: "bandit" });
    teach(t);
    const events: RunEvent[] = [];
    const r = (await runToCompletion(t.client, "ensemble.run", { prompt: "Fix the crash in the parser" }, { onEvent: (e) => events.push(e) })) as EnsembleRunResult;
    expect(r.members.map((m) => m.modelId)).toEqual([C]);
    expect(r.selection).toMatchObject({ policy: "bandit", requested: "bandit", taskType: "bugfix", chosen: [C] });
    expect(r.selection!.reason).toMatch(/Thompson sampling for bugfix tasks/);
    expect(r.selection!.ranking[0]!.detail).toMatch(/Beta\(19\.0, 3\.0\)/); // 20 rewards of 0.9 on a Beta(1, 1) prior;
    expect(events.some((e) => e.type === "data" && e.channel === "selection")).toBe(true);
    expect(events.some((e) => e.type === "log" && /selector: Thompson/.test(e.message))).toBe(true);
    const status = await t.client.call("learn.status", {});
    expect(status.decisions[0]!.id).toBe(r.selection!.id);
    expect(status.arms.find((a) => a.taskType === "bugfix" && a.model === C)!.mean).toBeCloseTo(19 / 22, 5);
    await t.dispose();
  });

  it("fixed honours WINNER_MODEL as first choice", async () => {
    const t = await engine({ SELECTOR_POLICY: "fixed", WINNER_MODEL: "b:1b" });
    const s = await t.client.call("ensemble.members", {});
    expect(s.members.map((m) => m.modelId)).toEqual([B]);
    expect(s.decision!.reason).toMatch(/WINNER_MODEL b:1b first/);
    await t.dispose();
  });

  it("ppo without a trained policy falls back to the bandit with the reason; trained, it decides with an action; corrupt, it falls back again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-select-ppo-"));
    roots.push(dir);
    let t = await engine({ SELECTOR_POLICY: "ppo" }, dir);
    const before = await t.client.call("ensemble.members", {});
    expect(before.decision).toMatchObject({ policy: "bandit", requested: "ppo" });
    expect(before.decision!.reason).toMatch(/PPO unavailable: no trained PPO policy/);
    const trained = await runToCompletion(t.client, "learn.train", { timesteps: 1024, seed: 3 });
    expect(fs.existsSync(trained.file)).toBe(true);
    const after = await t.client.call("ensemble.members", {});
    expect(after.decision).toMatchObject({ policy: "ppo" });
    expect(after.decision!.action).toMatch(/^(use_model_A|use_model_B|retry_with_fix|escalate)$/);
    expect(after.decision!.reason).toMatch(/PPO chose .* on \[test_reward/);
    await t.dispose();

    fs.writeFileSync(trained.file, '{"format":"codeconductor.ppo-policy","version":1,"hidden":8,"actor":[1,2]');
    t = await engine({ SELECTOR_POLICY: "ppo" }, dir);
    const corrupt = await t.client.call("ensemble.members", {});
    expect(corrupt.decision).toMatchObject({ policy: "bandit" });
    expect(corrupt.decision!.reason).toMatch(/corrupt \(not JSON\)/);
    expect((await t.client.call("learn.status", {})).notes.join()).toMatch(/falls back to the bandit/);
    await t.dispose();
  });

  it("RLHF_DISABLE=1 keeps saving patterns but learns nothing and keeps PPO out", async () => {
    const t = await engine({ SELECTOR_POLICY: "ppo", RLHF_DISABLE: "1" });
    teach(t);
    const status = await t.client.call("learn.status", {});
    expect(status).toMatchObject({ enabled: false, patterns: 60, arms: [] });
    const s = await t.client.call("ensemble.members", {});
    expect(s.decision!.reason).toMatch(/learning is off/);
    await expect(runToCompletion(t.client, "learn.train", {})).rejects.toMatchObject({ code: "unavailable" });
    await t.dispose();
  });
});
