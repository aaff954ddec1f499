import type { GenerateResult } from "./types.js";

/** How a provider's stream ended. */
export interface ProviderOutcome {
  finish: "stop" | "length" | "truncated";
  promptTokens?: number | null;
  completionTokens?: number | null;
  /** Why it counts as truncated, for logs and details. */
  truncatedBecause?: string;
}

/**
 * Collects streamed text for one generation: TTFT, byte cap, token callback, metrics.
 * When the byte cap is reached it calls `onCap` so the caller can stop the backend.
 */
export class GenerationTracker {
  text = "";
  chunks = 0;
  capped = false;
  private bytes = 0;
  private firstAt: number | null = null;
  private readonly startedAt = performance.now();

  constructor(
    private readonly options: { maxOutputBytes?: number; onToken?: (text: string) => void; onCap?: () => void },
  ) {}

  /** Record a chunk; returns false once the byte cap has been reached (the rest is dropped). */
  push(chunk: string): boolean {
    if (this.capped || chunk === "") return !this.capped;
    if (this.firstAt === null) this.firstAt = performance.now();
    let piece = chunk;
    const cap = this.options.maxOutputBytes;
    if (cap !== undefined) {
      const size = Buffer.byteLength(piece);
      if (this.bytes + size > cap) {
        piece = Buffer.from(piece).subarray(0, cap - this.bytes).toString("utf8").replace(/\uFFFD$/, "");
        this.capped = true;
      }
      this.bytes += Buffer.byteLength(piece);
    }
    this.text += piece;
    this.chunks++;
    if (piece) this.options.onToken?.(piece);
    if (this.capped) this.options.onCap?.();
    return !this.capped;
  }

  get ttftMs(): number | null {
    return this.firstAt === null ? null : this.firstAt - this.startedAt;
  }

  result(modelId: string, outcome: ProviderOutcome): GenerateResult {
    const end = performance.now();
    const finishReason = this.capped ? "truncated" : outcome.finish;
    const completion = outcome.completionTokens ?? (this.chunks || null);
    const genMs = this.firstAt === null ? 0 : end - this.firstAt;
    // Tokens after the first over the time after the first: excludes prompt processing.
    const tps = completion !== null && completion > 1 && genMs > 0 ? ((completion - 1) * 1000) / genMs : null;
    return {
      modelId,
      text: this.text,
      finishReason,
      truncated: finishReason !== "stop",
      metrics: {
        ttftMs: this.ttftMs,
        totalMs: end - this.startedAt,
        tokensPerSecond: tps,
        promptTokens: outcome.promptTokens ?? null,
        completionTokens: completion,
      },
    };
  }
}
