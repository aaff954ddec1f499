import type { z } from "zod";
import type { ChatMessage, GenerateMetrics as GenerateMetricsSchema, ModelInfo } from "../../shared/contract/models.js";

/**
 * One call shape for every inference backend (embedded node-llama-cpp, Ollama, OpenAI-compatible servers).
 * The models capability implements it; the ensemble and later capabilities only use `ModelGateway`.
 */
export type { BackendKind, ChatMessage, ModelInfo } from "../../shared/contract/models.js";

export interface SamplingOptions {
  /** 0–2. Defaults to config `sampling.temperature` (env CC_TEMP). */
  temperature?: number;
  /** (0, 1]. Defaults to config `sampling.topP` (env CC_TOP_P). */
  topP?: number;
  /** Defaults to config `sampling.maxTokens` (env MAX_TOKENS). */
  maxTokens?: number;
  seed?: number;
  stop?: string[];
}

/** Time budgets in milliseconds; each fires a `timeout` error naming which budget ran out. */
export interface Budgets {
  connectMs?: number;
  firstTokenMs?: number;
  idleMs?: number;
  totalMs?: number;
}

export interface GenerateRequest {
  modelId: string;
  messages: ChatMessage[];
  sampling?: SamplingOptions;
  /** JSON schema the output must follow (grammar / format / response_format per backend). */
  jsonSchema?: Record<string, unknown>;
  budgets?: Budgets;
  /** Output byte cap; reaching it ends generation as truncated. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

/** Timing and token counts of one generation (the contract's `GenerateMetrics`). */
export type GenerateMetrics = z.infer<typeof GenerateMetricsSchema>;

export interface GenerateResult {
  modelId: string;
  text: string;
  /** "truncated": ended without terminal marker, by length or by byte cap — never reported as success. */
  finishReason: "stop" | "length" | "truncated";
  truncated: boolean;
  metrics: GenerateMetrics;
  /** With `jsonSchema`: the parsed output, checked against the schema. Absent when truncated. */
  json?: unknown;
}


/** What the ensemble and the conductor loop use to reach models. */
export interface ModelGateway {
  listModels(options?: { signal?: AbortSignal }): Promise<ModelInfo[]>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
