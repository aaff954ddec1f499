import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/shared/contract/errors.js";
import { startFakeOllama, startFakeOpenAI, type FakeFault, type FakeServer } from "../../support/fakeServers/index.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";

const REPLY = "The quick brown fox jumps over the lazy dog, twice.";
const BUDGETS = { connectMs: 400, firstTokenMs: 400, idleMs: 300, totalMs: 1200 };

async function engineFor(ollama: FakeServer, openai: FakeServer, extra = ""): Promise<TestEngine> {
  return createTestEngine({
    configYaml: [
      "models:",
      "  discovery: false",
      "  backends: [ollama, openai]",
      `  ollama: { host: "${ollama.url}", minNumCtx: 2048 }`,
      `  lmstudio: { baseUrl: "${openai.baseUrl}" }`,
      "  health: { intervalMs: 0, failureThreshold: 2, cooldownMs: 200 }",
      extra,
    ].join("\n"),
  });
}

async function outcome(te: TestEngine, modelId: string): Promise<{ finish?: string; text?: string; code?: string; details?: unknown }> {
  try {
    const r = await te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "hi" }], budgets: BUDGETS });
    return { finish: r.finishReason, text: r.text };
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { code: (e as AppError).code, details: (e as AppError).details };
  }
}

describe.each([
  { label: "Ollama", modelId: "ollama:local/qwen:7b", pick: (o: FakeServer, _a: FakeServer) => o },
  { label: "OpenAI-compatible (LM Studio)", modelId: "openai:lmstudio/coder", pick: (_o: FakeServer, a: FakeServer) => a },
])("$label backend through the gateway", ({ modelId, pick }) => {
  let ollama: FakeServer;
  let openai: FakeServer;
  let te: TestEngine;
  beforeAll(async () => {
    ollama = await startFakeOllama({ models: [{ name: "qwen:7b", contextLength: 32768, quantization: "Q4_K_M" }], reply: REPLY });
    openai = await startFakeOpenAI({ flavor: "lmstudio", models: [{ name: "coder", loaded: true, contextLength: 8192 }], reply: REPLY });
    te = await engineFor(ollama, openai);
  });
  afterAll(async () => {
    await te.dispose();
    await ollama.close();
    await openai.close();
  });
  const server = (): FakeServer => pick(ollama, openai);
  const cases: Array<[string, FakeFault, Record<string, unknown>]> = [
    ["reset mid-stream → truncated, partial text kept", { kind: "reset", afterChunks: 3 }, { finish: "truncated" }],
    ["missing terminal marker → truncated", { kind: "missingTerminal" }, { finish: "truncated", text: REPLY }],
    ["finish by length → length (truncated)", { kind: "length" }, { finish: "length", text: REPLY }],
    ["malformed line → bad_model_output", { kind: "malformed" }, { code: "bad_model_output" }],
    ["slow headers → connect timeout", { kind: "slowHeaders", delayMs: 1000 }, { code: "timeout", details: { budget: "connect", ms: 400 } }],
    ["slow first token → first-token timeout", { kind: "slowFirstToken", delayMs: 1000 }, { code: "timeout", details: { budget: "firstToken", ms: 400 } }],
    ["1 byte every 500 ms → first-token timeout", { kind: "trickle", intervalMs: 500 }, { code: "timeout" }],
    ["never-ending stream → total timeout", { kind: "neverEnding", intervalMs: 20 }, { code: "timeout", details: { budget: "total", ms: 1200 } }],
    ["HTTP 500 → unavailable", { kind: "status", status: 500 }, { code: "unavailable", details: { status: 500 } }],
    ["HTTP 404 → not_found", { kind: "status", status: 404 }, { code: "not_found" }],
  ];
  it.each(cases)("%s, and the next request works", async (_name, fault, expected) => {
    server().setFault(fault);
    const got = await outcome(te, modelId);
    expect(got).toMatchObject(expected);
    if (expected.finish === "truncated" && !expected.text) expect(REPLY.startsWith(got.text ?? "x") && (got.text ?? "").length > 0).toBe(true);
    server().setFault(null);
    // Recovery: breaker may have counted the failure, but two failures are never in a row here.
    expect(await outcome(te, modelId)).toEqual({ finish: "stop", text: REPLY });
  });

  it("streams tokens in order and reports metrics", async () => {
    const tokens: string[] = [];
    const r = await te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "hi" }], onToken: (t) => tokens.push(t) });
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join("")).toBe(REPLY);
    expect(r).toMatchObject({ finishReason: "stop", truncated: false });
    expect(r.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(r.metrics.completionTokens).toBeGreaterThan(0);
  });

  it("unknown model on the server → not_found; byte cap → truncated", async () => {
    await expect(te.engine.models.gateway.generate({ modelId: modelId.replace(/[^/]+$/, "ghost"), messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ code: "not_found" });
    const r = await te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "hi" }], maxOutputBytes: 10 });
    expect(r).toMatchObject({ finishReason: "truncated", truncated: true, text: REPLY.slice(0, 10) });
  });

  it("JSON schema goes to the server and the answer is validated", async () => {
    const schema = { type: "object", properties: { verdict: { type: "string", enum: ["ok", "bad"] }, score: { type: "integer" } }, required: ["verdict", "score"] };
    server().setReply(undefined); // the fake answers with an instance of the schema
    const r = await te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "judge" }], jsonSchema: schema });
    expect(r.json).toEqual({ verdict: "ok", score: 1 });
    const body = server().requests.at(-1)!.body as Record<string, unknown>;
    if (modelId.startsWith("ollama")) expect(body.format).toEqual(schema);
    else expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { schema } });
    server().setReply('{"verdict": "maybe"}');
    await expect(te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "judge" }], jsonSchema: schema })).rejects.toMatchObject({ code: "bad_model_output" });
    server().setReply(REPLY);
  });

  it("cancel stops the stream on the server", async () => {
    server().setFault({ kind: "neverEnding", intervalMs: 10 });
    const before = server().abortedStreams;
    const ac = new AbortController();
    const p = te.engine.models.gateway.generate({ modelId, messages: [{ role: "user", content: "hi" }], signal: ac.signal, onToken: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: "cancelled" });
    await expect.poll(() => server().abortedStreams).toBeGreaterThan(before);
    expect(server().activeStreams).toBe(0);
    server().setFault(null);
  });
});

describe("listing, health and the circuit breaker", () => {
  it("lists both servers with metadata, sends num_ctx, and opens/closes the breaker", async () => {
    const ollama = await startFakeOllama({ models: [{ name: "qwen:7b", contextLength: 32768, quantization: "Q4_K_M", sizeBytes: 4_000_000 }, { name: "llama3:8b", loaded: true }] });
    const openai = await startFakeOpenAI({ flavor: "lmstudio", models: [{ name: "coder", loaded: true, contextLength: 8192, quantization: "Q5_K_M" }, { name: "other" }] });
    const te = await engineFor(ollama, openai);
    try {
      const list = await te.client.call("models.list", {});
      const byId = new Map(list.models.map((m) => [m.id, m]));
      expect(byId.get("ollama:local/qwen:7b")).toMatchObject({ status: "available", contextLength: 32768, quantization: "Q4_K_M", sizeBytes: 4_000_000, backend: "ollama" });
      expect(byId.get("ollama:local/llama3:8b")).toMatchObject({ status: "loaded" });
      expect(byId.get("openai:lmstudio/coder")).toMatchObject({ status: "loaded", contextLength: 8192, quantization: "Q5_K_M" });
      expect(byId.get("openai:lmstudio/other")).toMatchObject({ status: "available" });
      expect(list.models.every((m) => typeof m.latencyMs === "number")).toBe(true);

      await te.engine.models.gateway.generate({ modelId: "ollama:local/qwen:7b", messages: [{ role: "user", content: "x".repeat(30000) }], sampling: { maxTokens: 100 } });
      const chat = ollama.requests.filter((r) => r.path === "/api/chat").at(-1)!.body as { options: { num_ctx: number } };
      expect(chat.options.num_ctx).toBeGreaterThanOrEqual(10240); // 30000 chars / 3 + 100, rounded up to 1024s
      expect(chat.options.num_ctx).toBeLessThanOrEqual(32768);

      // Two consecutive failures open the breaker; requests then fail fast without reaching the server.
      const events: Array<{ provider: string; breaker: string }> = [];
      const off = await te.client.subscribe("models.health", (h) => events.push(h));
      ollama.setFault({ kind: "status", status: 500 });
      for (let i = 0; i < 2; i++) await expect(te.engine.models.gateway.generate({ modelId: "ollama:local/qwen:7b", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ code: "unavailable" });
      const seen = ollama.requests.length;
      await expect(te.engine.models.gateway.generate({ modelId: "ollama:local/qwen:7b", messages: [{ role: "user", content: "x" }] })).rejects.toThrow(/circuit open/);
      expect(ollama.requests.length).toBe(seen);
      await expect.poll(() => events.some((e) => e.provider === "local" && e.breaker === "open")).toBe(true);
      // Other backends keep working.
      expect((await te.engine.models.gateway.generate({ modelId: "openai:lmstudio/coder", messages: [{ role: "user", content: "x" }] })).finishReason).toBe("stop");
      // After the cooldown a half-open probe closes it again.
      ollama.setFault(null);
      await new Promise((r) => setTimeout(r, 250));
      const health = await te.client.call("models.health", { probe: true });
      expect(health.backends.find((b) => b.backend === "ollama")).toMatchObject({ breaker: "closed", healthy: true });
      expect((await te.engine.models.gateway.generate({ modelId: "ollama:local/qwen:7b", messages: [{ role: "user", content: "x" }] })).finishReason).toBe("stop");
      off();
    } finally {
      await te.dispose();
      await ollama.close();
      await openai.close();
    }
  });

  it("ECONNREFUSED: unavailable, marked unhealthy, and the engine stays up", async () => {
    const ollama = await startFakeOllama({ models: [{ name: "qwen:7b" }] });
    const openai = await startFakeOpenAI({ models: [{ name: "coder" }] });
    const te = await engineFor(ollama, openai);
    try {
      expect((await te.client.call("models.list", {})).models).toHaveLength(2);
      await ollama.close();
      await new Promise((r) => setTimeout(r, 50)); // let the client notice its pooled sockets closed
      await expect(te.engine.models.gateway.generate({ modelId: "ollama:local/qwen:7b", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/refused/) });
      const list = await te.client.call("models.refresh", {});
      expect(list.models.find((m) => m.id === "ollama:local/qwen:7b")).toMatchObject({ status: "unavailable", problem: expect.stringMatching(/refused|circuit/) });
      expect(list.backends.find((b) => b.backend === "ollama")).toMatchObject({ healthy: false });
      expect((await te.client.call("system.ping", {})).pong).toBe(true);
    } finally {
      await te.dispose();
      await openai.close();
    }
  });

  it("API keys are sent; non-loopback hosts are off unless net.allowNet; the allowlist filters", async () => {
    const ollama = await startFakeOllama({ models: [{ name: "qwen:7b" }, { name: "llama3:8b" }] });
    const openai = await startFakeOpenAI({ flavor: "vllm", apiKey: "sekret", models: [{ name: "big", contextLength: 65536 }] });
    const te = await createTestEngine({
      configYaml: [
        "models:",
        "  discovery: false",
        "  backends: [ollama, openai]",
        `  ollama: { host: "${ollama.url}" }`,
        "  lmstudio: { baseUrl: 'http://10.1.2.3:1234/v1' }",
        `  openaiEndpoints: [{ name: gpu, baseUrl: "${openai.url}", apiKey: sekret }]`,
        "  allowlist: [qwen, gpu/]",
        "  health: { intervalMs: 0 }",
      ].join("\n"),
    });
    try {
      const list = await te.client.call("models.list", {});
      expect(list.models.map((m) => m.id).sort()).toEqual(["ollama:local/qwen:7b", "openai:gpu/big"]);
      expect(list.models.find((m) => m.id === "openai:gpu/big")?.contextLength).toBe(65536);
      expect(list.backends.find((b) => b.provider === "lmstudio")?.disabled).toMatch(/allowNet/);
      await te.engine.models.gateway.generate({ modelId: "openai:gpu/big", messages: [{ role: "user", content: "x" }] });
      expect(openai.requests.at(-1)!.headers.authorization).toBe("Bearer sekret");
    } finally {
      await te.dispose();
      await ollama.close();
      await openai.close();
    }
  });
});
