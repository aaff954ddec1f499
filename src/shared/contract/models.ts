import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the models capability: discovery, health, load/unload, chat and pull.

export const BackendKind = z.enum(["embedded", "ollama", "openai"]);
export type BackendKind = z.infer<typeof BackendKind>;

/** One model on one backend (the engine's inference types derive from this). */
export const ModelInfo = z.object({
  /** "<backend>:<provider>/<name>", e.g. "ollama:local/qwen2.5-coder:7b", "embedded:local/tiny". */
  id: z.string(),
  backend: BackendKind,
  provider: z.string(),
  name: z.string(),
  status: z.enum(["available", "loaded", "unavailable"]),
  sizeBytes: z.number().optional(),
  quantization: z.string().optional(),
  contextLength: z.number().optional(),
  parameterCount: z.number().optional(),
  architecture: z.string().optional(),
  path: z.string().optional(),
  /** Bytes of RAM (or VRAM) the model needs loaded with its context. */
  memoryEstimateBytes: z.number().optional(),
  latencyMs: z.number().optional(),
  /** "cpu", "cuda", "vulkan", "metal" (embedded, once known), or the server's own. */
  gpu: z.string().optional(),
  problem: z.string().optional(),
  source: z.string().optional(),
  hasChatTemplate: z.boolean().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** Health of one provider instance (embedded, an Ollama host, an OpenAI-compatible endpoint). */
export const BackendHealth = z.object({
  backend: BackendKind,
  provider: z.string(),
  /** Base URL for HTTP backends. */
  url: z.string().optional(),
  /** Circuit breaker: "open" skips the backend until a half-open probe succeeds. */
  breaker: z.enum(["closed", "open", "half-open"]),
  healthy: z.boolean(),
  /** Round trip of the last probe, ms. */
  latencyMs: z.number().optional(),
  lastError: z.string().optional(),
  checkedAt: z.number().optional(),
  /** Why the backend is not used at all (disabled, non-loopback without net.allowNet). */
  disabled: z.string().optional(),
  /** Embedded: the GPU backend in use ("cuda", "vulkan", "metal") or "cpu". */
  gpu: z.string().optional(),
  /** Embedded: which llama.cpp binary loads (a local build from `models build`, or node-llama-cpp's prebuilt). */
  binary: z.string().optional(),
});
export type BackendHealth = z.infer<typeof BackendHealth>;

const ListOutput = z.object({ models: z.array(ModelInfo), backends: z.array(BackendHealth), tookMs: z.number() });

export const ChatMessage = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });
export type ChatMessage = z.infer<typeof ChatMessage>;

export const SamplingInput = z.object({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  maxTokens: z.number().int().min(1).max(131072).optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).max(16).optional(),
});

export const BudgetsInput = z.object({
  connectMs: z.number().int().positive().optional(),
  firstTokenMs: z.number().int().positive().optional(),
  idleMs: z.number().int().positive().optional(),
  totalMs: z.number().int().positive().optional(),
});

export const GenerateMetrics = z.object({
  ttftMs: z.number().nullable(),
  totalMs: z.number(),
  tokensPerSecond: z.number().nullable(),
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
});

export const ChatResult = z.object({
  modelId: z.string(),
  text: z.string(),
  finishReason: z.enum(["stop", "length", "truncated"]),
  truncated: z.boolean(),
  metrics: GenerateMetrics,
  json: z.unknown().optional(),
});
export type ChatResult = z.infer<typeof ChatResult>;

export const modelsMethods = {
  "models.list": method(
    z.object({ refresh: z.boolean().optional() }).default({}),
    ListOutput,
    "Models across all backends (cached; `refresh` rediscovers) and each backend's health.",
  ),
  "models.refresh": method(z.object({}).default({}), ListOutput, "Rediscover model files and query every backend now."),
  "models.health": method(z.object({ probe: z.boolean().optional() }).default({}), z.object({ backends: z.array(BackendHealth) }), "Backend health; `probe` checks now."),
  "models.load": method(z.object({ modelId: z.string().min(1) }), z.object({ model: ModelInfo }), "Load an embedded model (evicting idle ones to stay in budget)."),
  "models.unload": method(z.object({ modelId: z.string().min(1) }), z.object({ unloaded: z.boolean() }), "Unload an embedded model."),
  "models.embed": method(
    z.object({ modelId: z.string().min(1), texts: z.array(z.string().max(200_000)).min(1).max(256) }),
    z.object({ modelId: z.string(), vectors: z.array(z.array(z.number())) }),
    "Embeddings of texts with an embedded GGUF model, one vector per text (the pattern library's retrieval).",
  ),
} as const;

export const modelsTopics = {
  /** A backend's health changed (probe result, breaker opened/closed). */
  "models.health": BackendHealth,
  /** The model list changed (refresh, load, unload, crash). */
  "models.changed": z.object({ models: z.array(ModelInfo) }),
} as const;

export const modelsRunKinds = {
  "models.chat": runKind(
    z.object({
      modelId: z.string().min(1),
      /** Either `messages` or `prompt` (a single user message). */
      messages: z.array(ChatMessage).min(1).optional(),
      prompt: z.string().optional(),
      system: z.string().optional(),
      sampling: SamplingInput.optional(),
      jsonSchema: z.record(z.string(), z.unknown()).optional(),
      budgets: BudgetsInput.optional(),
      maxOutputBytes: z.number().int().positive().optional(),
    }),
    ChatResult,
    "Chat with one model; tokens stream on the `token` data channel ({ text }).",
    { token: z.object({ text: z.string() }) },
  ),
  "models.pull": runKind(
    z.object({
      /** "hf:user/repo:quant", "hf:user/repo/file.gguf" or an https:// URL. */
      source: z.string().min(1),
      /** Target folder. Defaults to the first of `models.dirs`, else <dataDir>/models. */
      dir: z.string().optional(),
      /** Expected hex sha256 of the file. */
      sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
    }),
    z.object({ path: z.string(), bytes: z.number(), sha256: z.string(), resumedFrom: z.number() }),
    "Download a GGUF (resumable, verified); progress in bytes.",
  ),
  "models.build": runKind(
    z.object({
      /** "auto" builds for the best GPU backend whose toolkit is installed, else the CPU. */
      gpu: z.enum(["auto", "cpu", "cuda", "vulkan"]).default("auto"),
      /** Rebuild even when a build of the same llama.cpp sources is cached. */
      force: z.boolean().optional(),
    }),
    z.object({
      folder: z.string(),
      cacheDir: z.string(),
      commit: z.string(),
      built: z.boolean(),
      seconds: z.number(),
      logFile: z.string(),
      binary: z.string(),
    }),
    "Compile node-llama-cpp's bundled llama.cpp for this machine (native CPU flags, OpenMP); used automatically once built.",
  ),
} as const;
