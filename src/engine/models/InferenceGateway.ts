import { AppError, ErrorCode, throwIfAborted, toAppError } from "../../shared/contract/errors.js";
import { checkJsonOutput } from "../inference/checkJsonOutput.js";
import { GenerationTracker, type ProviderOutcome } from "../inference/GenerationTracker.js";
import { isBackendFailure } from "../inference/httpErrors.js";
import type { InferenceProvider, ResolvedSampling } from "../inference/InferenceProvider.js";
import { StreamBudget, type ResolvedBudgets } from "../inference/StreamBudget.js";
import type { GenerateRequest, GenerateResult, ModelGateway, ModelInfo } from "../inference/types.js";
import type { HealthMonitor } from "./HealthMonitor.js";
import type { ModelRegistry } from "./ModelRegistry.js";
import type { ModelScheduler } from "./ModelScheduler.js";

export interface InferenceGatewayOptions {
  registry: ModelRegistry;
  scheduler: ModelScheduler;
  monitor: HealthMonitor;
  sampling: ResolvedSampling;
  budgets: ResolvedBudgets;
  maxOutputBytes: number;
  /** CPU threads an embedded model keeps busy (0 for remote ones). */
  cpuThreads(model: ModelInfo): number;
  log?(level: "info" | "warn", obj: Record<string, unknown>, msg: string): void;
}

/**
 * The one way to reach a model: resolve the id, respect the breaker, wait for a scheduler slot, load
 * (embedded), then stream under budgets and the byte cap; JSON output is validated. A stream that ends
 * early comes back as a result with `truncated: true`; everything else that goes wrong is an AppError.
 */
export class InferenceGateway implements ModelGateway {
  constructor(private readonly o: InferenceGatewayOptions) {}

  listModels(options: { signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    return this.o.registry.list({ signal: options.signal });
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    return this.withModel(req.modelId, req.signal, (model, provider) => this.run(model, provider, req));
  }

  /** Embeddings of `texts` with an embedded GGUF model (the scheduler's slot and the model load as for generation). */
  async embed(req: { modelId: string; texts: string[]; signal?: AbortSignal }): Promise<{ modelId: string; vectors: number[][] }> {
    return this.withModel(
      req.modelId,
      req.signal,
      async (model, provider, signal) => ({ modelId: model.id, vectors: await provider.embed!(model, req.texts, signal) }),
      (model, provider) => {
        if (!provider.embed) throw new AppError(ErrorCode.InvalidInput, `${model.id}: embeddings need an embedded GGUF model (backend "embedded"), not ${provider.backend}`, { details: { modelId: model.id } });
      },
    );
  }

  /**
   * Resolve the id, respect the breaker, wait for a scheduler slot, load (embedded), then `use` the model; the
   * slot is released afterwards. `require` refuses a model unfit for the call before anything waits.
   */
  private async withModel<T>(modelId: string, signal: AbortSignal | undefined, use: (model: ModelInfo, provider: InferenceProvider, signal: AbortSignal) => Promise<T>, require?: (model: ModelInfo, provider: InferenceProvider) => void): Promise<T> {
    throwIfAborted(signal);
    const { model, provider } = await this.o.registry.resolve(modelId, signal);
    require?.(model, provider);
    if (model.status === "unavailable") throw new AppError(ErrorCode.Unavailable, `${model.id} is unavailable: ${model.problem ?? "backend down"}`, { details: { modelId: model.id } });
    const breaker = this.o.monitor.breaker(provider);
    if (breaker && breaker.state === "open") {
      throw new AppError(ErrorCode.Unavailable, `${provider.backend} backend "${provider.provider}" is unhealthy (circuit open): ${breaker.lastError ?? ""}`, { details: { modelId: model.id } });
    }
    const release = await this.o.scheduler.acquire({ modelId: model.id, cpuThreads: this.o.cpuThreads(model) }, signal);
    try {
      const always = signal ?? new AbortController().signal;
      if (provider.prepare) await provider.prepare(model, always);
      return await use(model, provider, always);
    } finally {
      release();
    }
  }

  private async run(model: ModelInfo, provider: InferenceProvider, req: GenerateRequest): Promise<GenerateResult> {
    const cap = new AbortController();
    const budget = new StreamBudget({ ...this.o.budgets, ...definedOnly(req.budgets ?? {}) }, AbortSignal.any([cap.signal, ...(req.signal ? [req.signal] : [])]));
    const tracker = new GenerationTracker({ maxOutputBytes: req.maxOutputBytes ?? this.o.maxOutputBytes, onToken: req.onToken, onCap: () => cap.abort() });
    const sampling: ResolvedSampling = { ...this.o.sampling, ...definedOnly(req.sampling ?? {}) };
    let outcome: ProviderOutcome;
    try {
      outcome = await provider.generate({ model, messages: req.messages, sampling, jsonSchema: req.jsonSchema, budget, tracker });
      this.o.monitor.breaker(provider)?.success();
    } catch (err) {
      if (tracker.capped) outcome = { finish: "truncated", truncatedBecause: "output byte cap" };
      else {
        const e = req.signal?.aborted ? toAppError(req.signal.reason ?? err) : toAppError(budget.error ?? err);
        if (isBackendFailure(e) && provider.backend !== "embedded") this.o.monitor.record(provider, false, e.message);
        throw e.code === ErrorCode.Cancelled ? new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err }) : withPartial(e, tracker.text);
      }
    } finally {
      budget.dispose();
    }
    const result = tracker.result(model.id, outcome);
    if (result.metrics.ttftMs !== null) this.o.registry.noteTtft(model.id, result.metrics.ttftMs);
    if (outcome.truncatedBecause) this.o.log?.("warn", { modelId: model.id, why: outcome.truncatedBecause }, "generation truncated");
    if (req.jsonSchema && !result.truncated) result.json = checkJsonOutput(result.text, req.jsonSchema);
    return result;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Keep what was generated before a failure, for callers that want to show it. */
function withPartial(e: AppError, text: string): AppError {
  if (!text || (e.details !== undefined && (typeof e.details !== "object" || e.details === null))) return e;
  return new AppError(e.code, e.message, { cause: e.cause, details: { ...(e.details as object | undefined), partialText: text.slice(0, 4000) } });
}
