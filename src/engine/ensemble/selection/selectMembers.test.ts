import { describe, expect, it } from "vitest";
import { ConfigSchema, type Config } from "../../config/ConfigSchema.js";
import type { ModelInfo } from "../../inference/types.js";
import { selectMembers } from "./selectMembers.js";

const model = (id: string, latencyMs?: number, status: ModelInfo["status"] = "available"): ModelInfo => ({
  id,
  backend: "ollama",
  provider: "local",
  name: id.split("/").pop()!,
  status,
  ...(latencyMs !== undefined ? { latencyMs } : {}),
});
const MODELS = [model("ollama:local/phi3", 90), model("ollama:local/qwen", 30), model("openai:lms/llama", 60), model("ollama:local/down", 1, "unavailable")];
const cfg = (over: { models?: Record<string, unknown>; ensemble?: Record<string, unknown> } = {}): Config =>
  ConfigSchema.parse({ models: { maxParallel: 8, ...over.models }, ensemble: over.ensemble ?? {} });
const ids = (s: ReturnType<typeof selectMembers>): string[] => s.members.map((m) => m.label);

describe("selectMembers", () => {
  it("'all' takes available models in listing order, capped at ensemble.size (default 3), not at MAX_PARALLEL_MODELS", () => {
    const four = [...MODELS, model("ollama:local/gemma", 40)];
    const byDefault = selectMembers(four, ConfigSchema.parse({}));
    expect(ids(byDefault)).toEqual(["phi3", "qwen", "llama"]);
    expect(byDefault.notes).toEqual(["using 3 of 4 models (ensemble.size)"]);
    expect(ids(selectMembers(four, ConfigSchema.parse({ models: { maxParallel: 1 } })))).toEqual(["phi3", "qwen", "llama"]);
    expect(ids(selectMembers(MODELS, cfg({ ensemble: { size: 2 } })))).toEqual(["phi3", "qwen"]);
    expect(ids(selectMembers(four, cfg({ ensemble: { size: 0 } })))).toEqual(["phi3", "qwen", "llama", "gemma"]);
  });

  it("'latency' prefers the fastest measured models", () => {
    expect(ids(selectMembers(MODELS, cfg({ models: { selectorPolicy: "latency" }, ensemble: { size: 2 } })))).toEqual(["qwen", "llama"]);
  });

  it("'fixed' uses the configured members and falls back to all when none is there (or fails when strict)", () => {
    expect(ids(selectMembers(MODELS, cfg({ models: { selectorPolicy: "fixed" }, ensemble: { fixedMembers: ["llama", "phi3"] } })))).toEqual(["llama", "phi3"]);
    const fb = selectMembers(MODELS, cfg({ models: { selectorPolicy: "fixed" }, ensemble: { fixedMembers: ["gone"] } }));
    expect(fb.policy).toBe("all");
    expect(fb.notes).toContain("fixed members not available: gone");
    expect(() => selectMembers(MODELS, cfg({ models: { selectorPolicy: "fixed", selectorStrict: true }, ensemble: { fixedMembers: ["gone"] } }))).toThrow(/gone/);
  });

  it("FORCE_MODEL repeats one model with different seeds; the allowlist filters", () => {
    const s = selectMembers(MODELS, cfg({ models: { forceModel: "qwen" }, ensemble: { samplesPerModel: 3, baseSeed: 7 } }));
    expect(s.policy).toBe("forced");
    expect(s.members).toEqual([
      { id: "m1", modelId: "ollama:local/qwen", label: "qwen", seed: 7 },
      { id: "m2", modelId: "ollama:local/qwen", label: "qwen#2", seed: 8 },
      { id: "m3", modelId: "ollama:local/qwen", label: "qwen#3", seed: 9 },
    ]);
    expect(ids(selectMembers(MODELS, cfg({ models: { allowlist: ["ollama:"] } })))).toEqual(["phi3", "qwen"]);
    // The allowlist matches names as `--models` does, so a partial name allowed in one is allowed in the other.
    expect(ids(selectMembers(MODELS, cfg({ models: { allowlist: ["qwe"] } })))).toEqual(["qwen"]);
  });

  it("explicit models win; unknown ones and an empty choice are clear errors", () => {
    expect(ids(selectMembers(MODELS, cfg(), { models: ["llama"], samplesPerModel: 2 }))).toEqual(["llama", "llama#2"]);
    expect(() => selectMembers(MODELS, cfg(), { models: ["nope"] })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => selectMembers([], cfg())).toThrow(expect.objectContaining({ code: "unavailable", message: expect.stringMatching(/^No models available for the ensemble: start Ollama/) }));
    expect(() => selectMembers(MODELS, cfg(), { models: ["down"] })).toThrow(/not available/);
  });
});
