import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { fetchJson, serverMessage } from "../fetchJson.js";
import type { ProviderOutcome } from "../GenerationTracker.js";
import { errorForStatus, networkError } from "../httpErrors.js";
import type { InferenceProvider, ProviderCall } from "../InferenceProvider.js";
import { readLines } from "../readLines.js";
import type { ModelInfo } from "../types.js";
import { ollamaModelInfo, type OllamaShow, type OllamaTag } from "./ollamaModelInfo.js";

export interface OllamaProviderOptions {
  /** Base URL, e.g. "http://127.0.0.1:11434". */
  host: string;
  /** Defaults to `"local"`. */
  name?: string;
  /** Smallest `num_ctx` sent; grown to fit prompt + max tokens up to the model's context. Defaults to `8192`. */
  minNumCtx?: number;
  /** Time limit for list/show/probe requests, ms. Defaults to `5000`. */
  requestTimeoutMs?: number;
}

interface ChatLine {
  message?: { content?: string };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/**
 * Ollama over its REST API: /api/tags + /api/ps + /api/show for listing, /api/chat NDJSON for generation.
 * Always sends `options.num_ctx` (Ollama silently truncates prompts at its small default otherwise) and
 * reports truncation when the context filled up.
 */
export class OllamaProvider implements InferenceProvider {
  readonly backend = "ollama" as const;
  readonly provider: string;
  readonly url: string;
  private readonly showCache = new Map<string, OllamaShow>();

  constructor(private readonly options: OllamaProviderOptions) {
    this.url = options.host.replace(/\/+$/, "");
    this.provider = options.name ?? "local";
  }

  async list(signal: AbortSignal): Promise<ModelInfo[]> {
    const timeoutMs = this.options.requestTimeoutMs;
    const [tags, ps] = await Promise.all([
      fetchJson<{ models?: OllamaTag[] }>(`${this.url}/api/tags`, { signal, timeoutMs }),
      fetchJson<{ models?: OllamaTag[] }>(`${this.url}/api/ps`, { signal, timeoutMs }).catch(() => ({ models: [] })),
    ]);
    const loaded = new Set((ps.models ?? []).map((m) => m.name));
    return Promise.all(
      (tags.models ?? []).map(async (tag) => ollamaModelInfo(this.provider, this.url, tag, loaded.has(tag.name), await this.show(tag, signal))),
    );
  }

  async probe(signal: AbortSignal): Promise<void> {
    await fetchJson(`${this.url}/api/version`, { signal, timeoutMs: this.options.requestTimeoutMs });
  }

  async generate(call: ProviderCall): Promise<ProviderOutcome> {
    const url = `${this.url}/api/chat`;
    const promptChars = call.messages.reduce((n, m) => n + m.content.length, 0);
    const numCtx = this.numCtx(call.model, promptChars, call.sampling.maxTokens);
    const body = {
      model: call.model.name,
      messages: call.messages,
      stream: true,
      ...(call.jsonSchema ? { format: call.jsonSchema } : {}),
      options: {
        num_ctx: numCtx,
        temperature: call.sampling.temperature,
        top_p: call.sampling.topP,
        num_predict: call.sampling.maxTokens,
        ...(call.sampling.seed !== undefined ? { seed: call.sampling.seed } : {}),
        ...(call.sampling.stop?.length ? { stop: call.sampling.stop } : {}),
      },
    };
    let res: Response;
    try {
      res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: call.budget.signal });
    } catch (err) {
      throw call.budget.error ?? networkError(err, url);
    }
    call.budget.connected();
    if (!res.ok || !res.body) throw errorForStatus(res.status, `Ollama ${call.model.name}: HTTP ${res.status}${serverMessage(await res.text().catch(() => ""))}`, url);
    return this.readStream(res.body, call, numCtx, Math.ceil(promptChars / 4));
  }

  private async readStream(body: ReadableStream<Uint8Array>, call: ProviderCall, numCtx: number, estPrompt: number): Promise<ProviderOutcome> {
    try {
      for await (const { line, partial } of readLines(body)) {
        if (!line.trim()) continue;
        let msg: ChatLine;
        try {
          msg = JSON.parse(line) as ChatLine;
        } catch (err) {
          if (partial) return { finish: "truncated", truncatedBecause: "stream ended mid-line" };
          throw new AppError(ErrorCode.BadModelOutput, `Ollama sent a malformed stream line: ${line.slice(0, 80)}`, { cause: err });
        }
        if (msg.error) throw new AppError(ErrorCode.Unavailable, `Ollama: ${msg.error}`);
        const text = msg.message?.content ?? "";
        if (text) {
          call.budget.token();
          if (!call.tracker.push(text)) return { finish: "truncated", truncatedBecause: "output byte cap" };
        }
        if (msg.done) {
          const used = (msg.prompt_eval_count ?? 0) + (msg.eval_count ?? 0);
          const ctxFull = used >= numCtx || estPrompt > numCtx;
          return {
            finish: msg.done_reason === "length" ? "length" : ctxFull ? "truncated" : "stop",
            promptTokens: msg.prompt_eval_count ?? null,
            completionTokens: msg.eval_count ?? null,
            ...(ctxFull ? { truncatedBecause: `context of ${numCtx} tokens filled up` } : {}),
          };
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (call.budget.signal.aborted) throw call.budget.error ?? err;
      // The connection died mid-stream: what arrived is kept, and reported as truncated.
      if (call.tracker.chunks > 0) return { finish: "truncated", truncatedBecause: `stream broke: ${(err as Error).message}` };
      throw networkError(err, this.url);
    }
    return { finish: "truncated", truncatedBecause: "stream ended without done:true" };
  }

  /** Enough context for prompt + answer, never less than the configured floor, never more than the model has. */
  private numCtx(model: ModelInfo, promptChars: number, maxTokens: number): number {
    const want = Math.ceil((promptChars / 3 + maxTokens) / 1024) * 1024;
    const n = Math.max(this.options.minNumCtx ?? 8192, want);
    return model.contextLength ? Math.min(n, model.contextLength) : n;
  }

  private async show(tag: OllamaTag, signal: AbortSignal): Promise<OllamaShow | undefined> {
    const key = tag.digest ?? tag.name;
    const hit = this.showCache.get(key);
    if (hit) return hit;
    try {
      const show = await fetchJson<OllamaShow>(`${this.url}/api/show`, { body: { model: tag.name }, signal, timeoutMs: this.options.requestTimeoutMs });
      this.showCache.set(key, show);
      return show;
    } catch {
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    this.showCache.clear();
  }
}
