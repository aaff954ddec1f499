/**
 * One call shape for every inference backend (embedded node-llama-cpp, Ollama, OpenAI-compatible servers).
 * The models capability implements it; the ensemble and later capabilities only use `ModelGateway`.
 */
export type BackendKind = "embedded" | "ollama" | "openai";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

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

export interface GenerateMetrics {
  ttftMs: number | null;
  totalMs: number;
  tokensPerSecond: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

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

export interface ModelInfo {
  /** Globally unique: "<backend>:<provider>/<name>", e.g. "ollama:local/qwen2.5-coder:7b". */
  id: string;
  backend: BackendKind;
  /** Provider instance (endpoint name, "embedded"). */
  provider: string;
  name: string;
  status: "available" | "loaded" | "unavailable";
  sizeBytes?: number;
  quantization?: string;
  contextLength?: number;
  parameterCount?: number;
  architecture?: string;
  path?: string;
  memoryEstimateBytes?: number;
  latencyMs?: number;
  gpu?: string;
  /** Why the model cannot be used (corrupt file, crashed on load, backend down). */
  problem?: string;
  /** Where it was found: "dirs", "lmstudio", "ollama-store", "node-llama-cpp", or the server URL. */
  source?: string;
  /** Embedded: the file carries a chat template. */
  hasChatTemplate?: boolean;
}

/** What the ensemble and the conductor loop use to reach models. */
export interface ModelGateway {
  listModels(options?: { signal?: AbortSignal }): Promise<ModelInfo[]>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
