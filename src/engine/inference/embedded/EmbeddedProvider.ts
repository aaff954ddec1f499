import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ProviderOutcome } from "../GenerationTracker.js";
import type { InferenceProvider, ProviderCall } from "../InferenceProvider.js";
import type { ModelInfo } from "../types.js";
import type { EmbeddedPool, LoadedModel } from "./EmbeddedPool.js";

/**
 * GGUF files run by node-llama-cpp in worker processes. The catalog (discovery + header metadata) is
 * supplied by the models capability; this adds load state and generation.
 */
export class EmbeddedProvider implements InferenceProvider {
  readonly backend = "embedded" as const;
  readonly provider = "local";

  constructor(
    private readonly catalog: (signal: AbortSignal) => Promise<ModelInfo[]>,
    readonly pool: EmbeddedPool,
  ) {}

  async list(signal: AbortSignal): Promise<ModelInfo[]> {
    const models = await this.catalog(signal);
    return models.map((m) => {
      const crashed = m.path ? this.pool.problem(m.path) : undefined;
      if (crashed) return { ...m, status: "unavailable", problem: crashed };
      const loaded = this.pool.get(m.id);
      if (!loaded) return m;
      const gpu = loaded.host.ready.gpu;
      return { ...m, status: "loaded", gpu: loaded.loaded.gpuLayers > 0 ? gpu : "cpu", memoryEstimateBytes: loaded.estimate.ramBytes + loaded.estimate.vramBytes, contextLength: loaded.loaded.contextSize };
    });
  }

  /** Load before the budgets start: loading is not "connecting". */
  async prepare(model: ModelInfo, signal: AbortSignal): Promise<void> {
    if (model.problem) throw new AppError(ErrorCode.Corrupt, `${model.name}: ${model.problem}`, { details: { path: model.path } });
    await this.pool.ensure(model, signal);
  }

  async generate(call: ProviderCall): Promise<ProviderOutcome> {
    return this.busyWith(call.model, call.budget.signal, async (entry) => {
      call.budget.connected();
      const s = call.sampling;
      const done = await entry.host.generate(
        { messages: call.messages, temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, seed: s.seed, stop: s.stop, jsonSchema: call.jsonSchema },
        (text) => {
          call.budget.token();
          call.tracker.push(text);
        },
        call.budget.signal,
      );
      if (done.stopReason === "abort") throw call.budget.error ?? new AppError(ErrorCode.Cancelled, "Cancelled");
      const base = { promptTokens: done.promptTokens, completionTokens: done.completionTokens };
      if (done.stopReason === "contextFull") return { ...base, finish: "truncated", truncatedBecause: `prompt of ${done.promptTokens} tokens does not fit the context of ${entry.loaded.contextSize}` };
      return { ...base, finish: done.stopReason === "maxTokens" ? "length" : "stop" };
    });
  }

  async embed(model: ModelInfo, texts: string[], signal: AbortSignal): Promise<number[][]> {
    return this.busyWith(model, signal, async (entry) => (await entry.host.embed(texts, signal)).vectors);
  }

  /** Load the model if needed and use its worker, marked busy (never evicted meanwhile) and recently used. */
  private async busyWith<T>(model: ModelInfo, signal: AbortSignal, use: (entry: LoadedModel) => Promise<T>): Promise<T> {
    const entry = await this.pool.ensure(model, signal);
    entry.busy++;
    entry.lastUsed = Date.now();
    try {
      return await use(entry);
    } finally {
      entry.busy--;
      entry.lastUsed = Date.now();
    }
  }

  async probe(): Promise<void> {}

  async dispose(): Promise<void> {
    await this.pool.dispose();
  }
}
