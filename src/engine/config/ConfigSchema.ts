import { z } from "zod";

const Endpoint = z.object({
  name: z.string().min(1),
  baseUrl: z.string().url(),
  /** Sent as a Bearer token; never exported. */
  apiKey: z.string().optional(),
});

/** The whole configuration. Every field has a default, so `{}` is a valid config.yaml. */
export const ConfigSchema = z.object({
  models: z
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
      /** How ensemble members are chosen (env SELECTOR_POLICY). Learned policies arrive later. */
      selectorPolicy: z.enum(["fixed", "all", "latency"]).default("all"),
      /** Fail instead of falling back when the policy's choice is unavailable (env MODEL_SELECTOR_STRICT). */
      selectorStrict: z.boolean().default(false),
      /** Members running at once (env MAX_PARALLEL_MODELS). Range 1–16. */
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
        })
        .default({ enabled: true, host: "http://127.0.0.1:11434" }),
      lmstudio: z
        .object({ enabled: z.boolean().default(true), baseUrl: z.string().url().default("http://127.0.0.1:1234/v1") })
        .default({ enabled: true, baseUrl: "http://127.0.0.1:1234/v1" }),
      /** Further OpenAI-compatible servers (vLLM, llama.cpp server…) (env CC_OPENAI_BASE_URLS, comma list). */
      openaiEndpoints: z.array(Endpoint).default([]),
    })
    .prefault({}),
  sampling: z
    .object({
      /** Env CC_TEMP. Range 0–2. */
      temperature: z.number().min(0).max(2).default(0.2),
      /** Env CC_TOP_P. Range 0–1. */
      topP: z.number().gt(0).max(1).default(0.95),
      /** Env MAX_TOKENS. */
      maxTokens: z.number().int().min(1).max(131072).default(1024),
    })
    .prefault({}),
  net: z
    .object({
      /** Allow traffic to non-loopback hosts (env ALLOW_NET=1). Off: private by default. */
      allowNet: z.boolean().default(false),
    })
    .prefault({}),
  learning: z
    .object({
      /** Learn from rewards (env RLHF_DISABLE=1 turns it off). */
      enabled: z.boolean().default(true),
    })
    .prefault({}),
  codebleu: z
    .object({
      /** n-gram, weighted n-gram, AST, data-flow (env CODEBLEU_WEIGHTS "a,b,c,d"). */
      weights: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)]).default([0.25, 0.25, 0.25, 0.25]),
      normalize: z.boolean().default(true),
      stripComments: z.boolean().default(false),
      stripDocstrings: z.boolean().default(false),
    })
    .prefault({}),
  ensemble: z
    .object({
      /** Answers needed before proceeding early; 0 = wait for all members. */
      quorum: z.number().int().min(0).default(0),
      /** Per-member budget in seconds. */
      memberTimeoutSec: z.number().positive().default(120),
      /** Members for the `fixed` policy (model ids). */
      fixedMembers: z.array(z.string()).default([]),
      /** Prompt token budget for generated Cursor prompts. */
      promptTokenBudget: z.number().int().min(256).default(6000),
    })
    .prefault({}),
  sandbox: z
    .object({
      /** Run tests in a scratch copy instead of the project itself. */
      scratchCopy: z.boolean().default(false),
      timeoutSec: z.number().positive().default(300),
      memoryMiB: z.number().int().min(64).default(2048),
      maxProcesses: z.number().int().min(8).default(256),
      outputCapKiB: z.number().int().min(16).default(1024),
    })
    .prefault({}),
  server: z
    .object({
      /** Web-mode port; 0 picks a free one. */
      port: z.number().int().min(0).max(65535).default(0),
    })
    .prefault({}),
  ui: z
    .object({
      /** Approve applies without review (off by default). */
      autoApprove: z.boolean().default(false),
    })
    .prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** The defaults, as a full config. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
