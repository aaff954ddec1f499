import { describe, expect, it } from "vitest";
import type { BackendHealth, ModelInfo } from "../../../../shared/contract/models.js";
import { deriveTestOutput } from "./deriveTestOutput.js";
import { formatBytes, groupByBackend } from "./groupByBackend.js";

const model = (id: string, status: ModelInfo["status"] = "available"): ModelInfo => {
  const [backend, rest] = id.split(":", 2) as [ModelInfo["backend"], string];
  const [provider, name] = [rest.slice(0, rest.indexOf("/")), rest.slice(rest.indexOf("/") + 1)];
  return { id, backend, provider, name, status };
};

describe("groupByBackend", () => {
  it("groups per backend instance in a stable order, keeps health, includes backends without models", () => {
    const backends: BackendHealth[] = [
      { backend: "openai", provider: "lmstudio", breaker: "closed", healthy: true },
      { backend: "ollama", provider: "local", breaker: "open", healthy: false, lastError: "refused" },
      { backend: "embedded", provider: "local", breaker: "closed", healthy: true },
    ];
    const groups = groupByBackend([model("openai:vllm/b"), model("embedded:local/z"), model("embedded:local/a"), model("openai:lmstudio/c")], backends);
    expect(groups.map((g) => g.key)).toEqual(["embedded:local", "ollama:local", "openai:lmstudio", "openai:vllm"]);
    expect(groups[0]!.models.map((m) => m.name)).toEqual(["a", "z"]);
    expect(groups[1]).toMatchObject({ models: [], health: { breaker: "open" } });
    expect(groups[3]!.health).toBeUndefined();
  });
  it("formats sizes", () => {
    expect(formatBytes(undefined)).toBe("");
    expect(formatBytes(5 * 2 ** 20)).toBe("5.0 MiB");
    expect(formatBytes(3 * 2 ** 30)).toBe("3.0 GiB");
  });
});

describe("deriveTestOutput", () => {
  it("concatenates streamed tokens, then prefers the final result", () => {
    const base = { runId: "r" };
    const running = deriveTestOutput([
      { ...base, seq: 0, type: "status", status: "running" },
      { ...base, seq: 1, type: "data", channel: "token", data: { text: "He" } },
      { ...base, seq: 2, type: "data", channel: "token", data: { text: "llo" } },
    ]);
    expect(running).toMatchObject({ text: "Hello", status: "running", result: null });
    const done = deriveTestOutput([
      { ...base, seq: 0, type: "data", channel: "token", data: { text: "Hel" } },
      { ...base, seq: 1, type: "result", result: { text: "Hello!", modelId: "m", finishReason: "stop", truncated: false, metrics: { ttftMs: 1, totalMs: 2, tokensPerSecond: 3, promptTokens: 1, completionTokens: 2 } } },
      { ...base, seq: 2, type: "status", status: "succeeded" },
    ]);
    expect(done).toMatchObject({ text: "Hello!", status: "succeeded" });
    expect(deriveTestOutput([{ ...base, seq: 0, type: "error", error: { code: "timeout", message: "slow" } }, { ...base, seq: 1, type: "status", status: "failed" }])).toMatchObject({ status: "failed", error: "slow" });
    expect(deriveTestOutput(undefined).status).toBe("idle");
  });
});
