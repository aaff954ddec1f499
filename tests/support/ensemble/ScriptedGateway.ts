import { AppError, ErrorCode } from "../../../src/shared/contract/errors.js";
import type { GenerateRequest, GenerateResult, ModelGateway, ModelInfo } from "../../../src/engine/inference/types.js";

/** How one scripted model behaves. */
export interface Script {
  /** The answer, or a function of the request (to script per round / per persona). */
  reply?: string | ((req: GenerateRequest) => string);
  /** Wait before the first token, ms. */
  delayMs?: number;
  /** Characters per streamed chunk. Defaults to 8. */
  chunkChars?: number;
  /** Delay between chunks, ms. Defaults to 0. */
  chunkDelayMs?: number;
  /** Throw this instead of answering. */
  fail?: AppError;
  /** Never finish (until aborted). */
  hang?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError(ErrorCode.Cancelled, "Cancelled"));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(new AppError(ErrorCode.Cancelled, "Cancelled"));
      },
      { once: true },
    );
  });

/**
 * A ModelGateway with scripted answers, latency and faults, honouring AbortSignal and streaming tokens —
 * for unit tests of the ensemble's orchestration without real backends.
 */
export class ScriptedGateway implements ModelGateway {
  readonly requests: GenerateRequest[] = [];

  constructor(
    private readonly scripts: Record<string, Script>,
    private readonly extra: Partial<ModelInfo> = {},
  ) {}

  async listModels(): Promise<ModelInfo[]> {
    return Object.keys(this.scripts).map((id) => ({
      id,
      backend: "ollama",
      provider: "scripted",
      name: id.split("/").pop()!,
      status: "available",
      ...this.extra,
    }));
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(req);
    const s = this.scripts[req.modelId];
    if (!s) throw new AppError(ErrorCode.NotFound, `no model ${req.modelId}`);
    const started = Date.now();
    await sleep(s.delayMs ?? 0, req.signal);
    if (s.fail) throw s.fail;
    if (s.hang) await sleep(10 ** 9, req.signal);
    const text = typeof s.reply === "function" ? s.reply(req) : (s.reply ?? "");
    const step = s.chunkChars ?? 8;
    for (let i = 0; i < text.length; i += step) {
      if (s.chunkDelayMs) await sleep(s.chunkDelayMs, req.signal);
      else if (req.signal?.aborted) throw new AppError(ErrorCode.Cancelled, "Cancelled");
      req.onToken?.(text.slice(i, i + step));
    }
    const totalMs = Date.now() - started;
    return {
      modelId: req.modelId,
      text,
      finishReason: "stop",
      truncated: false,
      metrics: { ttftMs: s.delayMs ?? 0, totalMs, tokensPerSecond: null, promptTokens: null, completionTokens: Math.ceil(text.length / 4) },
    };
  }
}

/** A valid analysis JSON text with overrides. */
export function analysisJson(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    approach: "Add a token bucket rate limiter middleware",
    requirements: ["limit requests per client", "return 429 when exceeded"],
    files: [{ path: "src/rateLimit.ts", purpose: "middleware" }],
    dependencies: [],
    constraints: ["no external services"],
    risks: ["clients behind one proxy share a limit"],
    complexity: 2,
    test_plan: ["unit test refill and rejection"],
    ...over,
  });
}
