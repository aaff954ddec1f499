import { z } from "zod";

const Endpoint = z.object({
  name: z.string().min(1),
  baseUrl: z.string().url(),
  /** Sent as a Bearer token; never exported. */
  apiKey: z.string().optional(),
});

/** Config section `models` (owned by the models capability). */
export const ModelsSection = z
  .object({
    /** Extra folders searched for .gguf files (env CC_MODEL_DIRS, a path list). */
    dirs: z.array(z.string()).default([]),
    /** Backends in use (env ENGINE_BACKENDS, comma list). */
    backends: z.array(z.enum(["embedded", "ollama", "openai"])).default(["embedded", "ollama", "openai"]),
    /** Only these model ids (substring match) take part; empty = all (env ENGINE_MODEL_ALLOWLIST). */
    allowlist: z.array(z.string()).default([]),
    /** Use exactly this model for every member (env FORCE_MODEL). */
    forceModel: z.string().nullable().default(null),
    /** Model whose answer wins ties / is preferred (env WINNER_MODEL). */
    winnerModel: z.string().nullable().default(null),
    /**
     * How ensemble members are chosen (env SELECTOR_POLICY): `fixed` (WINNER_MODEL first, then
     * ensemble.fixedMembers), `all`, `latency`, `bandit` (Thompson sampling per task type × model on reward),
     * `ppo` (the trained agent; falls back to the bandit). See docs/learning.md.
     */
    selectorPolicy: z.enum(["fixed", "all", "latency", "bandit", "ppo"]).default("all"),
    /** Fail instead of falling back when the policy's choice is unavailable (env MODEL_SELECTOR_STRICT). */
    selectorStrict: z.boolean().default(false),
    /** Generations running at once (env MAX_PARALLEL_MODELS), not how many members a run asks (`ensemble.size`). Range 1–16. */
    maxParallel: z.number().int().min(1).max(16).default(2),
    /** Search the usual model stores (env DISCOVERY_DISABLE=1 turns it off). */
    discovery: z.boolean().default(true),
    /** Memory the embedded scheduler may use for loaded models, in MiB; 0 = 60% of free RAM. */
    memoryBudgetMiB: z.number().int().min(0).default(0),
    /** Inference threads for embedded models; 0 = choose per machine. */
    threads: z.number().int().min(0).max(256).default(0),
    ollama: z
      .object({
        enabled: z.boolean().default(true),
        /** As Ollama reads OLLAMA_HOST. */
        host: z.string().default("http://127.0.0.1:11434"),
        /** Smallest `num_ctx` sent with every chat (grown to fit prompt + answer, capped at the model's context). */
        minNumCtx: z.number().int().min(512).default(8192),
      })
      .prefault({}),
    lmstudio: z
      .object({ enabled: z.boolean().default(true), baseUrl: z.string().url().default("http://127.0.0.1:1234/v1") })
      .prefault({}),
    /** Embedded GPU backend: "auto" detects CUDA/Vulkan/Metal and falls back to CPU. */
    gpu: z.enum(["auto", "cpu", "cuda", "vulkan", "metal"]).default("auto"),
    /** Context size for embedded models, in tokens (capped at each model's trained context). */
    contextSize: z.number().int().min(128).max(1_048_576).default(4096),
    /** Store folders; null = the app's default place (LM Studio ~/.lmstudio/models, Ollama OLLAMA_MODELS or ~/.ollama/models, ~/.node-llama-cpp/models). */
    stores: z
      .object({
        lmstudio: z.string().nullable().default(null),
        ollama: z.string().nullable().default(null),
        nodeLlamaCpp: z.string().nullable().default(null),
      })
      .prefault({}),
    /** Default time budgets per generation, ms: connect (until headers), first token, idle between tokens, total. */
    budgets: z
      .object({
        connectMs: z.number().int().positive().default(10_000),
        firstTokenMs: z.number().int().positive().default(120_000),
        idleMs: z.number().int().positive().default(30_000),
        totalMs: z.number().int().positive().default(600_000),
      })
      .prefault({}),
    /** Output byte cap per generation; reaching it ends the answer as truncated. Defaults to 1 MiB. */
    maxOutputBytes: z.number().int().positive().default(1_048_576),
    /** Health probes and circuit breaker per backend. */
    health: z
      .object({
        /** Probe period, ms; 0 = only on demand. */
        intervalMs: z.number().int().min(0).default(30_000),
        /** Consecutive failures that open the breaker. */
        failureThreshold: z.number().int().min(1).default(3),
        /** How long an open breaker waits before a half-open probe, ms. */
        cooldownMs: z.number().int().min(0).default(15_000),
      })
      .prefault({}),
    /** Where `models pull hf:…` looks up and downloads files (a mirror can stand in). */
    hfEndpoint: z.string().url().default("https://huggingface.co"),
    /** Further OpenAI-compatible servers (vLLM, llama.cpp server…) (env CC_OPENAI_BASE_URLS, comma list). */
    openaiEndpoints: z.array(Endpoint).default([]),
  })
  .prefault({});
