import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/engine/config/ConfigSchema.js";
import { configDigest } from "../../../src/engine/insight/configDigest.js";
import { RunKpis } from "../../../src/shared/contract/insight.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { seedLoopRun } from "../../support/insight/seedLoopRun.js";

let te: TestEngine | undefined;
afterEach(async () => {
  await te?.dispose();
  te = undefined;
});

const member = (id: string, modelId: string, elapsedMs: number, ttftMs: number, tps: number) => ({
  id,
  modelId,
  label: modelId,
  status: "ok",
  rawText: "{}",
  repairs: [],
  startedAt: 0,
  elapsedMs,
  ttftMs,
  tokensPerSecond: tps,
  completionTokens: 10,
  truncated: false,
});

function seedEnsemble(te: TestEngine, runId: string): void {
  const members = [member("m1", "qwen", 1000, 100, 50), member("m2", "qwen", 3000, 300, 30), member("m3", "llama", 2000, 200, 40)];
  const code = { language: "python", labels: ["qwen", "qwen#2", "llama"], matrix: [[1, 0.6, 0.5], [0.6, 1, 0.4], [0.5, 0.4, 1]], meanScores: [0.55, 0.5, 0.45], winner: 0, weights: [0.25, 0.25, 0.25, 0.25], used: ["ngram", "weighted", "ast"] };
  const result = { task: "t", members, consensus: { mode: "consensus", confidence: 0.8, merged: null, fields: [], disagreements: [], sources: ["qwen", "llama"], weights: {} }, code, wallMs: 3100, quorumReached: false };
  te.engine.ctx.db.prepare("INSERT INTO runs (id, kind, status, input_json, result_json, started_at, ended_at) VALUES (?, 'ensemble.run', 'succeeded', ?, ?, ?, ?)").run(runId, JSON.stringify({ prompt: "p", models: ["qwen", "llama"] }), JSON.stringify(result), 1_000, 4_100);
  te.engine.ctx.db.prepare("INSERT INTO run_events (run_id, seq, event_json) VALUES (?, 0, ?)").run(runId, JSON.stringify({ runId, seq: 0, type: "result", result }));
}

describe("KPIs", () => {
  it("an ensemble run gives TTFT, tokens/s, p50/p95 per model, the CodeBLEU winner and the consensus method", async () => {
    te = await createTestEngine();
    seedEnsemble(te, "ens-1");
    const k = RunKpis.parse((await te.client.call("insight.runShow", { runId: "ens-1" })).kpis);
    expect(k.ttft_ms).toBe(100);
    expect(k.tokens_per_s).toBe(40);
    expect(k.latency_by_model).toEqual([
      { model: "llama", calls: 1, p50_ms: 2000, p95_ms: 2000, ttft_p50_ms: 200, tokens_per_s: 40 },
      { model: "qwen", calls: 2, p50_ms: 1000, p95_ms: 3000, ttft_p50_ms: 100, tokens_per_s: 40 },
    ]);
    expect(k.winner).toEqual({ model: "qwen", score: 0.55 });
    expect(k.consensus_method).toBe("codebleu-medoid");
    expect(k.codebleu).toEqual({ weights: [0.25, 0.25, 0.25, 0.25], used: ["ngram", "weighted", "ast"], winner_mean: 0.55 });
    expect(k.selector).toEqual({ policy: "all", decision: ["qwen", "llama"] });
    expect(k.duration_ms).toBe(3100);
    expect(k.first_prompt_success).toBeNull();
  });

  it("a selector decision recorded by the run wins over the configured policy", async () => {
    te = await createTestEngine();
    const { runId } = seedLoopRun(te.engine.ctx.db, { project: "/srv/p" });
    const seq = (te.engine.ctx.db.prepare("SELECT MAX(seq) AS s FROM run_events WHERE run_id = ?").get(runId) as { s: number }).s + 1;
    te.engine.ctx.db.prepare("INSERT INTO run_events (run_id, seq, event_json) VALUES (?, ?, ?)").run(runId, seq, JSON.stringify({ runId, seq, type: "data", channel: "selector", data: { policy: "thompson", decision: ["qwen"], reason: "best posterior" } }));
    const k = (await te.client.call("insight.runShow", { runId })).kpis;
    expect(k.selector).toEqual({ policy: "thompson", decision: ["qwen"] });
  });

  it("config_digest changes with the key settings and not with others", () => {
    const a = defaultConfig();
    const b = { ...a, net: { allowNet: true } };
    const c = { ...a, ui: { ...a.ui } };
    expect(configDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(configDigest(b)).not.toBe(configDigest(a));
    expect(configDigest(c)).toBe(configDigest(a));
  });

  it("history retention keeps the newest insight.history.keepRuns runs at start", async () => {
    te = await createTestEngine();
    const ids = Array.from({ length: 5 }, (_, i) => seedLoopRun(te!.engine.ctx.db, { project: "/srv/p", startedAt: 1_700_000_000_000 + i }).runId);
    const first = te;
    const dataDir = te.dataDir;
    first.client.close();
    first.server.dispose();
    await first.engine.dispose();
    te = await createTestEngine({ dataDir, configYaml: "insight:\n  history:\n    keepRuns: 2\n" });
    const left = (await te.client.call("insight.runs", {})).runs.map((r) => r.runId);
    expect(left).toEqual([ids[4], ids[3]]);
    expect((te.engine.ctx.db.prepare("SELECT COUNT(*) AS n FROM run_events WHERE run_id = ?").get(ids[0]) as { n: number }).n).toBe(0);
    await te.dispose();
    te = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
