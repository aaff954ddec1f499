import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { AppError } from "../../../src/shared/contract/errors.js";
import { writeTinyLlamaGguf, type GgufCorruption } from "../../support/gguf/index.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";

const CORRUPT: GgufCorruption[] = ["truncated", "badMagic", "empty", "absurdDims", "missingHeadCount"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-embedded-"));
let te: TestEngine;
let tinyA: ReturnType<typeof writeTinyLlamaGguf>;

beforeAll(async () => {
  tinyA = writeTinyLlamaGguf(path.join(dir, "tiny-a.gguf"), { seed: 1 });
  writeTinyLlamaGguf(path.join(dir, "tiny-b.gguf"), { seed: 2, type: "Q8_0" });
  for (const c of CORRUPT) writeTinyLlamaGguf(path.join(dir, `bad-${c}.gguf`), { corrupt: c });
  te = await createTestEngine({
    configYaml: `models:\n  dirs: [${dir}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  health: { intervalMs: 0 }\n  maxParallel: 2\n`,
  });
});
afterAll(async () => {
  await te.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const user = (content: string): Array<{ role: "user"; content: string }> => [{ role: "user", content }];

describe("embedded models (real node-llama-cpp in worker processes)", () => {
  it("lists synthesized GGUFs with metadata read without loading; corrupt files are flagged", async () => {
    const { models } = await te.client.call("models.list", {});
    const a = models.find((m) => m.id === "embedded:local/tiny-a");
    expect(a).toMatchObject({ backend: "embedded", status: "available", architecture: "llama", quantization: "F32", contextLength: 1024, parameterCount: tinyA.parameterCount, sizeBytes: tinyA.sizeBytes, source: "dirs" });
    expect(a?.memoryEstimateBytes).toBeGreaterThan(tinyA.sizeBytes);
    expect(models.find((m) => m.id === "embedded:local/tiny-b")?.quantization).toBe("Q8_0");
    for (const c of CORRUPT) expect(models.find((m) => m.id === `embedded:local/bad-${c}`)).toMatchObject({ status: "unavailable", problem: expect.any(String) });
    expect(te.engine.models.embedded!.pool.list()).toHaveLength(0); // nothing was loaded to list
  });

  it("a models.chat run streams tokens on the `token` channel and returns metrics", async () => {
    const events: RunEvent[] = [];
    const off = await te.client.subscribe("run.event", (e) => events.push(e));
    const { runId } = await te.client.call("runs.start", { kind: "models.chat", input: { modelId: "embedded:local/tiny-a", prompt: "hello", sampling: { maxTokens: 24, seed: 7 } } });
    await te.engine.ctx.runs.wait(runId);
    off();
    const mine = events.filter((e) => e.runId === runId);
    const tokens = mine.filter((e): e is Extract<RunEvent, { type: "data" }> => e.type === "data" && e.channel === "token").map((e) => (e.data as { text: string }).text);
    const result = mine.find((e) => e.type === "result");
    expect(result?.type === "result" && result.result).toMatchObject({ modelId: "embedded:local/tiny-a", finishReason: expect.stringMatching(/stop|length/) });
    const r = (result as { result: { text: string; metrics: { ttftMs: number; completionTokens: number; promptTokens: number } } }).result;
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.join("")).toBe(r.text);
    expect(r.metrics.completionTokens).toBeGreaterThan(0);
    expect(r.metrics.completionTokens).toBeLessThanOrEqual(24);
    expect(r.metrics.promptTokens).toBeGreaterThan(0);
    expect(r.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect((await te.client.call("models.list", { refresh: true })).models.find((m) => m.id === "embedded:local/tiny-a")?.status).toBe("loaded");
  });

  it("cancel mid-generation stops the worker and the model stays usable", async () => {
    const ac = new AbortController();
    let n = 0;
    const p = te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-a", messages: user("go on"), sampling: { maxTokens: 900 }, signal: ac.signal, onToken: () => ++n === 3 && ac.abort() });
    await expect(p).rejects.toMatchObject({ code: "cancelled" });
    expect(n).toBeLessThan(100);
    const again = await te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-a", messages: user("again"), sampling: { maxTokens: 8, seed: 3 } });
    expect(again.metrics.completionTokens).toBeGreaterThan(0);
  });

  it("JSON-schema grammar output parses, with the required keys and types", async () => {
    const strict = { type: "object", properties: { verdict: { enum: ["accept", "reject"] }, safe: { type: "boolean" }, tags: { type: "array", items: { enum: ["a", "b", "c"] }, maxItems: 3 } }, required: ["verdict", "safe", "tags"] };
    for (const seed of [1, 2, 3]) {
      const r = await te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-b", messages: user("judge"), sampling: { maxTokens: 200, seed, temperature: 0.9 }, jsonSchema: strict });
      expect(r.truncated).toBe(false);
      expect(r.json).toMatchObject({ verdict: expect.stringMatching(/^(accept|reject)$/), safe: expect.any(Boolean), tags: expect.any(Array) });
    }
    // A bounded free string: random byte tokens may break its length in UTF-16 terms, never the syntax.
    const named = { type: "object", properties: { name: { type: "string", maxLength: 12 }, ok: { type: "boolean" } }, required: ["name", "ok"] };
    const r = await te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-b", messages: user("name"), sampling: { maxTokens: 200, seed: 4 }, jsonSchema: named }).catch((e: AppError) => e);
    const text = r instanceof AppError ? (r.details as { text: string }).text : r.text;
    if (r instanceof AppError) expect(r.code).toBe("bad_model_output");
    expect(JSON.parse(text)).toMatchObject({ name: expect.any(String), ok: expect.any(Boolean) });
  });

  it("corrupt files give a clear corrupt error and never reach llama.cpp; other models keep working", async () => {
    for (const c of CORRUPT) {
      await expect(te.engine.models.gateway.generate({ modelId: `embedded:local/bad-${c}`, messages: user("x") })).rejects.toMatchObject({ code: "unavailable", message: expect.stringContaining(`bad-${c}`) });
      await expect(te.client.call("models.load", { modelId: `embedded:local/bad-${c}` })).rejects.toMatchObject({ code: "corrupt" });
    }
    // Still working: a real generation that produced tokens and ended normally.
    // Seeded: unseeded sampling from random weights can pick the end-of-generation token first (0 tokens, a flaky test).
    const ok = await te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-b", messages: user("x"), sampling: { maxTokens: 4, seed: 3 } });
    expect(ok.metrics.completionTokens).toBeGreaterThan(0);
    expect(ok.finishReason).not.toBe("truncated");
  });

  it("a crashed worker fails its request with unavailable; the next request reloads; the engine stays up", async () => {
    await te.client.call("models.load", { modelId: "embedded:local/tiny-a" });
    const pid = te.engine.models.embedded!.pool.get("embedded:local/tiny-a")!.host.pid!;
    const p = te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-a", messages: user("x"), sampling: { maxTokens: 900 }, onToken: () => process.kill(pid, "SIGKILL") });
    await expect(p).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/worker stopped \(signal SIGKILL\)/) });
    const r = await te.engine.models.gateway.generate({ modelId: "embedded:local/tiny-a", messages: user("x"), sampling: { maxTokens: 4, seed: 3 } });
    expect(r.metrics.completionTokens).toBeGreaterThan(0);
    expect(te.engine.models.embedded!.pool.get("embedded:local/tiny-a")!.host.pid).not.toBe(pid);
  });

  it("load/unload through the contract, with memory estimates from GGUF insights", async () => {
    const { model } = await te.client.call("models.load", { modelId: "embedded:local/tiny-b" });
    expect(model).toMatchObject({ status: "loaded", gpu: "cpu" });
    expect(model.memoryEstimateBytes).toBeGreaterThan(0);
    expect(await te.client.call("models.unload", { modelId: "embedded:local/tiny-b" })).toEqual({ unloaded: true });
    expect(await te.client.call("models.unload", { modelId: "embedded:local/tiny-b" })).toEqual({ unloaded: false });
    expect((await te.client.call("models.list", {})).models.find((m) => m.id === "embedded:local/tiny-b")?.status).toBe("available");
  });
});

describe("engine.dispose", () => {
  it("kills every inference worker (nothing leaks)", async () => {
    const t = await createTestEngine({ configYaml: `models:\n  dirs: [${dir}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  health: { intervalMs: 0 }\n` });
    await t.client.call("models.load", { modelId: "embedded:local/tiny-a" });
    await t.client.call("models.load", { modelId: "embedded:local/tiny-b" });
    const pids = t.engine.models.embedded!.pool.list().map((m) => m.host.pid!);
    expect(pids).toHaveLength(2);
    await t.dispose();
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe("doctor", () => {
  it("reports the embedded binary, the GPU choice and the problem files", async () => {
    const { checks } = await te.client.call("system.doctor", {});
    const byId = new Map(checks.map((c) => [c.id, c]));
    expect(byId.get("models.embedded.binary")).toMatchObject({ status: "ok", detail: expect.stringMatching(/^(prebuilt binary|local build \(codeconductor models build\)) loads/) }); // the local build wins once `models build` made one
    expect(byId.get("models.embedded.gpu")).toMatchObject({ status: "skip" });
    expect(byId.get(`models.dir:${dir}`)).toMatchObject({ status: "ok" });
    expect(byId.get("models.found")).toMatchObject({ status: "warn", detail: expect.stringMatching(/2 usable; 5 with problems/), fix: expect.any(String) });
    expect(byId.get("models.backend:ollama:local")).toMatchObject({ status: "skip" });
  });
});

describe("embedded scheduling under a memory budget", () => {
  it("keeps loaded models within the budget by unloading the least recently used", async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-lru-"));
    for (const n of ["m1", "m2", "m3"]) writeTinyLlamaGguf(path.join(d, `${n}.gguf`), { seed: n.charCodeAt(1) });
    const probe = await createTestEngine({ configYaml: `models:\n  dirs: [${d}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  contextSize: 256\n  health: { intervalMs: 0 }\n` });
    const { model } = await probe.client.call("models.load", { modelId: "embedded:local/m1" });
    const est = probe.engine.models.embedded!.pool.get(model.id)!.estimate.ramBytes;
    await probe.dispose();
    // A budget too small for one model: a clear error, nothing loaded.
    const tooSmall = await createTestEngine({ configYaml: `models:\n  dirs: [${d}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  contextSize: 256\n  memoryBudgetMiB: 1\n  health: { intervalMs: 0 }\n` });
    try {
      expect(est).toBeGreaterThan(2 ** 20);
      await expect(tooSmall.client.call("models.load", { modelId: "embedded:local/m1" })).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/needs ~\d+ MiB; the memory budget is 1 MiB/) });
      expect(tooSmall.engine.models.embedded!.pool.list()).toHaveLength(0);
    } finally {
      await tooSmall.dispose();
    }
    // Room for two models, not three.
    const budgetMiB = Math.ceil((est * 2) / 2 ** 20);
    expect(budgetMiB * 2 ** 20).toBeLessThan(est * 3);
    const t2 = await createTestEngine({ configYaml: `models:\n  dirs: [${d}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  contextSize: 256\n  memoryBudgetMiB: ${budgetMiB}\n  health: { intervalMs: 0 }\n` });
    try {
      const loaded = (): string[] => t2.engine.models.embedded!.pool.list().map((m) => m.modelId).sort();
      await t2.engine.models.gateway.generate({ modelId: "embedded:local/m1", messages: user("a"), sampling: { maxTokens: 2 } });
      await t2.engine.models.gateway.generate({ modelId: "embedded:local/m2", messages: user("a"), sampling: { maxTokens: 2 } });
      expect(loaded()).toEqual(["embedded:local/m1", "embedded:local/m2"]);
      await t2.engine.models.gateway.generate({ modelId: "embedded:local/m1", messages: user("a"), sampling: { maxTokens: 2 } }); // m2 is now the LRU
      await t2.engine.models.gateway.generate({ modelId: "embedded:local/m3", messages: user("a"), sampling: { maxTokens: 2 } });
      expect(loaded()).toEqual(["embedded:local/m1", "embedded:local/m3"]);
    } finally {
      await t2.dispose();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
