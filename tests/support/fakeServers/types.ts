/** A model a fake server advertises. */
export interface FakeModel {
  /** Ollama: "name:tag"; OpenAI-compatible: the model id. */
  name: string;
  /** Defaults to `4096`. */
  contextLength?: number;
  /** Defaults to `1_000_000`. */
  sizeBytes?: number;
  /** Defaults to `"llama"`. */
  family?: string;
  /** e.g. "7B". Defaults to `"1B"`. */
  parameterSize?: string;
  /** e.g. "Q4_K_M". Defaults to `"Q4_0"`. */
  quantization?: string;
  /** Shown by /api/ps (Ollama) or loaded_instances (LM Studio). Defaults to `false`. */
  loaded?: boolean;
}

/**
 * A fault applied to chat requests (streamed or not). Changeable at runtime with `setFault`.
 * Each mimics a way real servers and networks misbehave.
 */
export type FakeFault =
  /** Wait before sending response headers (exercises the connect budget). */
  | { kind: "slowHeaders"; delayMs: number }
  /** Headers at once, then wait before the first chunk (first-token budget). */
  | { kind: "slowFirstToken"; delayMs: number }
  /** Send the whole body one byte every `intervalMs` (idle/total budgets). */
  | { kind: "trickle"; intervalMs: number }
  /** Destroy the socket after `afterChunks` content chunks. Defaults to 2. */
  | { kind: "reset"; afterChunks?: number }
  /** Insert an unparseable line after `afterChunks` chunks, then carry on. Defaults to 1. */
  | { kind: "malformed"; afterChunks?: number }
  /** Content chunks every `intervalMs` forever, until the client goes away. Defaults to 20 ms. */
  | { kind: "neverEnding"; intervalMs?: number }
  /** End the body without the terminal line (`done: true` / finish_reason + `[DONE]`). */
  | { kind: "missingTerminal" }
  /** Finish with reason "length" (Ollama `done_reason: "length"`). */
  | { kind: "length" }
  /** Answer chat with this HTTP status and the protocol's error body. */
  | { kind: "status"; status: number; message?: string };

/** What the fake saw, for assertions (e.g. that `options.num_ctx` was sent). */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeServerOptions {
  models?: FakeModel[];
  /** The assistant's answer. A function sees the parsed request body. Defaults to an instance of the
   * requested JSON schema when one is given, else `"Hello from the fake server."`. */
  reply?: string | ((body: Record<string, unknown>) => string);
  /** Characters per streamed chunk. Defaults to `4`. */
  chunkChars?: number;
  /** Delay between streamed chunks, ms. Defaults to `0`. */
  chunkDelayMs?: number;
  /** Delay before answering any request, ms (simulated latency). Defaults to `0`. */
  latencyMs?: number;
  fault?: FakeFault | null;
}

export interface FakeServer {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:43121" (OpenAI flavours: add "/v1" yourself or use `baseUrl`). */
  url: string;
  /** OpenAI flavours: `${url}/v1`; Ollama: same as `url`. */
  baseUrl: string;
  requests: SeenRequest[];
  /** Chat streams the client abandoned before the server finished them (proves cancel reaches the server). */
  readonly abortedStreams: number;
  /** Chat responses currently being streamed. */
  readonly activeStreams: number;
  setFault(fault: FakeFault | null): void;
  setReply(reply: FakeServerOptions["reply"]): void;
  setModels(models: FakeModel[]): void;
  close(): Promise<void>;
}
