import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TestRunResult } from "../../../src/shared/contract/verify.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";
import { makeAttempt } from "../../support/learning/makeAttempt.js";

const engines: TestEngine[] = [];
async function engine(env: NodeJS.ProcessEnv = {}): Promise<TestEngine> {
  const e = await createTestEngine({ env });
  engines.push(e);
  return e;
}
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

describe("retrieval of similar successes", () => {
  it("offers the stored success most similar to a new task first, and never a failed or thumbs-down pattern", async () => {
    const t = await engine();
    const pub = (a: Parameters<typeof makeAttempt>[0]) => t.engine.bus.publish("conductor.attempt", makeAttempt(a));
    pub({ id: "csv-ok", task: "Parse quoted fields in the CSV reader", code: "def read_csv(): quoted" });
    pub({ id: "csv-failed", task: "Parse quoted fields in the CSV reader with escapes", passed: false, code: "def read_csv(): broken" });
    pub({ id: "json-ok", task: "Pretty-print JSON output of the report command", code: "json.dumps(indent=2)" });
    pub({ id: "csv-disliked", task: "Parse CSV reader quoted fields faster", code: "def read_csv(): fast" });
    await t.client.call("learn.feedback", { patternId: "csv-disliked", thumbs: "down", note: "wrong approach" });

    const r = await t.client.call("patterns.similar", { task: "The CSV reader breaks on quoted fields", k: 3, tokenBudget: 2000 });
    expect(r.retrieval).toBe("bm25");
    expect(r.patterns.map((p) => p.id)).toEqual(["csv-ok"]);
    expect(r.text).toContain("## Similar past solutions");
    expect(r.text).toContain("def read_csv(): quoted");
    expect(r.text).not.toContain("broken");
    expect(r.tokens).toBeLessThanOrEqual(2000);
    const json = await t.client.call("patterns.similar", { task: "pretty print json report", k: 2 });
    expect(json.patterns[0]!.id).toBe("json-ok");
    expect(await t.client.call("patterns.similar", { task: "CSV quoted fields", k: 3, tokenBudget: 10 })).toEqual({ patterns: [], text: "", tokens: 0, retrieval: "bm25" });
  });

  it("with an embedding model configured, fuses embedding similarity in: a task BM25 cannot match (only stop words) is still found, through real node-llama-cpp", { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-embed-"));
    writeTinyLlamaGguf(path.join(dir, "tiny.gguf"), { seed: 5 });
    const models = `models:\n  dirs: [${dir}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  health: { intervalMs: 0 }\n`;
    const t = await createTestEngine({ configYaml: `${models}learning:\n  embeddingModel: tiny\n` });
    engines.push(t);
    const pub = (a: Parameters<typeof makeAttempt>[0]) => t.engine.bus.publish("conductor.attempt", makeAttempt(a));
    pub({ id: "stop-words", task: "this is it", code: "def it(): pass" });
    pub({ id: "csv-ok", task: "Parse quoted fields in the CSV reader", code: "def read_csv(): quoted" });
    pub({ id: "failed", task: "this is it", passed: false, code: "def it(): broken" });
    const r = await t.client.call("patterns.similar", { task: "this is it", k: 1 });
    expect(r.retrieval).toBe("bm25+embeddings");
    expect(r.patterns.map((p) => p.id)).toEqual(["stop-words"]); // identical text, cosine 1; BM25 had no word to search for
    // The index filled itself on first use: one float32 vector per successful pattern, for the resolved model.
    const rows = t.engine.ctx.db.prepare("SELECT pattern_id, model, length(vector) AS bytes FROM learning_embeddings ORDER BY pattern_id").all();
    expect(rows).toEqual([
      { pattern_id: "csv-ok", model: "embedded:local/tiny", bytes: 64 * 4 },
      { pattern_id: "stop-words", model: "embedded:local/tiny", bytes: 64 * 4 },
    ]);
    // Lexical matches still count: a CSV question finds the CSV pattern first.
    expect((await t.client.call("patterns.similar", { task: "CSV reader quoted fields", k: 1 })).patterns[0]!.id).toBe("csv-ok");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("falls back to BM25 when the embedding model cannot be used, and still answers", async () => {
    const t = await createTestEngine({ configYaml: "models:\n  discovery: false\n  backends: [embedded]\nlearning:\n  embeddingModel: no-such-model\n" });
    engines.push(t);
    t.engine.bus.publish("conductor.attempt", makeAttempt({ id: "csv-ok", task: "Parse quoted fields in the CSV reader", code: "def read_csv(): quoted" }));
    const r = await t.client.call("patterns.similar", { task: "CSV reader quoted fields", k: 1 });
    expect(r).toMatchObject({ retrieval: "bm25", patterns: [{ id: "csv-ok" }] });
  });
});

describe("error memory", () => {
  const failing = (message: string) => ({ runner: "pytest" as const, passed: 0, failed: 1, errors: 0, skipped: 0, failing: [{ name: "test_total", file: "tests/test_cart.py", line: 9, message }] });

  it("counts the same failure (different numbers) under one signature, remembers the fix, and matches a new test run", async () => {
    const t = await engine();
    t.engine.bus.publish("conductor.attempt", makeAttempt({ promptId: "p1", iteration: 1, passed: false, code: "v1", tests: failing("AssertionError: assert 41 == 42") }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ promptId: "p1", iteration: 2, passed: false, code: "v2", tests: failing("AssertionError: assert 40 == 42") }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ promptId: "p1", iteration: 3, passed: true, code: "v3", files: [{ path: "cart.py", action: "modify", diff: "+total = sum(prices)" }] }));
    const { errors } = await t.client.call("learn.errors", {});
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ errorType: "AssertionError", skeleton: "AssertionError: assert <n> == <n>", locationKind: "test:py", count: 2 });
    expect(errors[0]!.fixes[0]!.summary).toBe("modify cart.py");

    const run = { tests: [{ name: "test_total", file: "tests/test_cart.py", status: "failed", message: "AssertionError: assert 7 == 9" }] } as Pick<TestRunResult, "tests">;
    const m = t.engine.learning.matchingErrors(run);
    expect(m.entries.map((e) => e.count)).toEqual([2]);
    expect(m.text).toContain("AssertionError: assert <n> == <n> (test:py, seen 2×)");
    expect(m.text).toContain("fixed before by: modify cart.py");
    expect(t.engine.learning.matchingErrors({ failing: [{ name: "x", message: "KeyError: 'id'" }] }).entries).toEqual([]);
  });
});

describe("human feedback and reputations", () => {
  it("thumbs on a run mark its patterns and move the models' posteriors; reputations weigh a reliable model above 1", async () => {
    const t = await engine();
    t.engine.bus.publish("conductor.attempt", makeAttempt({ runId: "r1", models: ["m-good"], code: "a" }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ runId: "r1", models: ["m-good"], iteration: 2, code: "b" }));
    const before = (await t.client.call("learn.status", {})).arms.find((a) => a.model === "m-good")!;
    expect(await t.client.call("learn.feedback", { runId: "r1", thumbs: "up", note: "nice" })).toEqual({ updated: 2 });
    const after = (await t.client.call("learn.status", {})).arms.find((a) => a.model === "m-good")!;
    expect(after.alpha).toBeCloseTo(before.alpha + 2, 6);
    const listed = await t.client.call("patterns.list", {});
    expect(listed.patterns.every((p) => p.feedback.thumbs === "up" && p.feedback.note === "nice")).toBe(true);
    const w = t.engine.learning.weights;
    expect(w.weightOf({ id: "m1", modelId: "m-good", label: "g", seed: 1 })).toBeGreaterThan(1.5);
    expect(w.weightOf({ id: "m2", modelId: "unknown", label: "u", seed: 1 })).toBe(1);
    await expect(t.client.call("learn.feedback", { thumbs: "up" })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("with RLHF_DISABLE=1 reputations stay uniform", async () => {
    const t = await engine({ RLHF_DISABLE: "1" });
    t.engine.bus.publish("conductor.attempt", makeAttempt({ models: ["m-good"] }));
    expect(t.engine.learning.weights.weightOf({ id: "m1", modelId: "m-good", label: "g", seed: 1 })).toBe(1);
  });

  it("statistics: success rate per model and task type, iterations to green", async () => {
    const t = await engine();
    t.engine.bus.publish("conductor.attempt", makeAttempt({ runId: "s1", iteration: 1, passed: false, models: ["m1"], code: "1" }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ runId: "s1", iteration: 2, passed: true, models: ["m1"], code: "2" }));
    t.engine.bus.publish("conductor.attempt", makeAttempt({ runId: "s2", iteration: 1, passed: true, models: ["m2"], code: "3" }));
    const s = await t.client.call("patterns.stats", {});
    expect(s).toMatchObject({ total: 3, succeeded: 2 });
    expect(s.perModel.find((b) => b.key === "m1")).toMatchObject({ attempts: 2, successRate: 0.5 });
    expect(s.iterationsToGreen).toEqual([
      { iterations: 1, runs: 1 },
      { iterations: 2, runs: 1 },
    ]);
  });
});
