import type { GenerationTracker, ProviderOutcome } from "./GenerationTracker.js";
import type { StreamBudget } from "./StreamBudget.js";
import type { BackendKind, ChatMessage, ModelInfo } from "./types.js";

/** Sampling with the config defaults applied. */
export interface ResolvedSampling {
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
  stop?: string[];
}

/** One generation as a provider sees it: everything resolved, budgets and tracker owned by the gateway. */
export interface ProviderCall {
  model: ModelInfo;
  messages: ChatMessage[];
  sampling: ResolvedSampling;
  jsonSchema?: Record<string, unknown>;
  /** Aborts on cancel, on any budget and on the byte cap. */
  budget: StreamBudget;
  /** Push every content chunk here; it measures and caps. */
  tracker: GenerationTracker;
}

/**
 * One backend instance behind one call shape: embedded node-llama-cpp, an Ollama host, an
 * OpenAI-compatible endpoint. Errors thrown are AppErrors (`unavailable`, `not_found`, `timeout`,
 * `bad_model_output`…); a stream that ends early is an outcome with `finish: "truncated"`, not an error.
 */
export interface InferenceProvider {
  readonly backend: BackendKind;
  /** Instance name, the middle part of model ids ("local", "lmstudio", an endpoint name). */
  readonly provider: string;
  /** Base URL for HTTP backends. */
  readonly url?: string;
  list(signal: AbortSignal): Promise<ModelInfo[]>;
  /** Work before the time budgets start (embedded: load the model). */
  prepare?(model: ModelInfo, signal: AbortSignal): Promise<void>;
  generate(call: ProviderCall): Promise<ProviderOutcome>;
  /** Embeddings, one per text (embedded GGUF models only, for the pattern library's retrieval). */
  embed?(model: ModelInfo, texts: string[], signal: AbortSignal): Promise<number[][]>;
  /** Cheap reachability check; throws when unhealthy. */
  probe(signal: AbortSignal): Promise<void>;
  dispose(): Promise<void>;
}
