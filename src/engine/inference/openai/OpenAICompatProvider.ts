import OpenAI from "openai";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { fetchJson } from "../fetchJson.js";
import type { ProviderOutcome } from "../GenerationTracker.js";
import type { InferenceProvider, ProviderCall } from "../InferenceProvider.js";
import type { ModelInfo } from "../types.js";
import { mapOpenAIError } from "./mapOpenAIError.js";
import { openaiModelInfo, type LmStudioModel, type OpenAIModelEntry } from "./openaiModelInfo.js";
import { tapSseFetch, type SseTap } from "./tapSseFetch.js";

export interface OpenAICompatOptions {
  /** Instance name used in model ids ("lmstudio", "vllm-gpu"). */
  name: string;
  /** Including the version path, e.g. "http://127.0.0.1:1234/v1". */
  baseUrl: string;
  apiKey?: string;
  /** Also read LM Studio's /api/v1/models (load state, size, quantization). Defaults to `false`. */
  lmstudio?: boolean;
  /** Time limit for list/probe requests, ms. Defaults to `5000`. */
  requestTimeoutMs?: number;
}

/**
 * LM Studio, vLLM, llama.cpp server and any OpenAI-compatible endpoint, through the openai SDK:
 * /v1/models for listing, /v1/chat/completions with SSE streaming for generation.
 */
export class OpenAICompatProvider implements InferenceProvider {
  readonly backend = "openai" as const;
  readonly provider: string;
  readonly url: string;
  private llamaCppServer = false;

  constructor(private readonly options: OpenAICompatOptions) {
    this.provider = options.name;
    const u = options.baseUrl.replace(/\/+$/, "");
    // "http://host:8000" means the usual "/v1" API root.
    this.url = new URL(u).pathname === "/" ? `${u}/v1` : u;
  }

  private client(fetchImpl?: typeof fetch, timeoutMs?: number): OpenAI {
    return new OpenAI({
      baseURL: this.url,
      apiKey: this.options.apiKey ?? "not-needed",
      maxRetries: 0,
      timeout: timeoutMs ?? this.options.requestTimeoutMs ?? 5000,
      logLevel: "off",
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  async list(signal: AbortSignal): Promise<ModelInfo[]> {
    const entries: OpenAIModelEntry[] = [];
    try {
      for await (const m of this.client().models.list({ signal })) entries.push(m as unknown as OpenAIModelEntry);
    } catch (err) {
      throw mapOpenAIError(err, this.url);
    }
    this.llamaCppServer = entries.some((e) => e.owned_by === "llamacpp");
    const lms = this.options.lmstudio ? await this.lmstudioModels(signal) : new Map<string, LmStudioModel>();
    return entries.map((e) => openaiModelInfo(this.provider, this.url, e, lms.get(e.id)));
  }

  async probe(signal: AbortSignal): Promise<void> {
    if (this.llamaCppServer) {
      // llama.cpp server answers /health with 503 while its model loads.
      await fetchJson(`${new URL(this.url).origin}/health`, { signal, timeoutMs: this.options.requestTimeoutMs, headers: this.authHeaders() });
      return;
    }
    try {
      await this.client().models.list({ signal });
    } catch (err) {
      throw mapOpenAIError(err, this.url);
    }
  }

  async generate(call: ProviderCall): Promise<ProviderOutcome> {
    const tap: SseTap = { sawDone: false };
    const client = this.client(tapSseFetch(() => call.budget.connected(), tap), 24 * 3600_000);
    const s = call.sampling;
    const params: ChatCompletionCreateParamsStreaming = {
      model: call.model.name,
      messages: call.messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: s.temperature,
      top_p: s.topP,
      max_tokens: s.maxTokens,
      ...(s.seed !== undefined ? { seed: s.seed } : {}),
      ...(s.stop?.length ? { stop: s.stop } : {}),
      ...(call.jsonSchema ? { response_format: { type: "json_schema", json_schema: { name: "output", schema: call.jsonSchema, strict: true } } } : {}),
    };
    let finish: string | null = null;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    try {
      const stream = await client.chat.completions.create(params, { signal: call.budget.signal });
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        const text = choice?.delta?.content ?? "";
        if (text) {
          call.budget.token();
          if (!call.tracker.push(text)) {
            stream.controller.abort();
            return { finish: "truncated", truncatedBecause: "output byte cap" };
          }
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
      }
    } catch (err) {
      if (call.budget.signal.aborted) throw call.budget.error ?? mapOpenAIError(err, this.url);
      const mapped = mapOpenAIError(err, this.url);
      if (mapped.code === ErrorCode.Unavailable && call.tracker.chunks > 0) return { finish: "truncated", truncatedBecause: `stream broke: ${mapped.message}` };
      throw mapped;
    }
    // The SDK ends quietly when its signal aborts; that is a cancel or a budget, never success.
    if (call.budget.signal.aborted) throw call.budget.error ?? new AppError(ErrorCode.Cancelled, "Cancelled");
    const outcome = { promptTokens: usage?.prompt_tokens ?? null, completionTokens: usage?.completion_tokens ?? null };
    if (!tap.sawDone || !finish) return { ...outcome, finish: "truncated", truncatedBecause: !finish ? "no finish_reason" : "no [DONE] marker" };
    return { ...outcome, finish: finish === "length" ? "length" : "stop" };
  }

  private authHeaders(): Record<string, string> {
    return this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
  }

  private async lmstudioModels(signal: AbortSignal): Promise<Map<string, LmStudioModel>> {
    try {
      const body = await fetchJson<{ models?: LmStudioModel[] }>(`${new URL(this.url).origin}/api/v1/models`, {
        signal,
        timeoutMs: this.options.requestTimeoutMs,
        headers: this.authHeaders(),
      });
      return new Map((body.models ?? []).map((m) => [m.key, m]));
    } catch {
      return new Map(); // older LM Studio: /v1 alone still works
    }
  }

  async dispose(): Promise<void> {}
}
