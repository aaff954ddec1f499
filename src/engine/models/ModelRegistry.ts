import { AppError, ErrorCode, toAppError } from "../../shared/contract/errors.js";
import type { InferenceProvider } from "../inference/InferenceProvider.js";
import type { ModelInfo } from "../inference/types.js";
import type { EventBus } from "../util/EventBus.js";
import { providerKey, type HealthMonitor } from "./HealthMonitor.js";
import { findModel, modelMatches } from "./matchModel.js";

export interface ModelRegistryOptions {
  providers: InferenceProvider[];
  monitor: HealthMonitor;
  bus: EventBus;
  /** Only models these name (matchModel's rule) take part; empty = all. */
  allowlist: string[];
  /** How long a listing stays fresh, ms. Defaults to `5000`. */
  ttlMs?: number;
}

/**
 * All models of all backends under one id scheme. Lists providers in parallel (each behind its circuit
 * breaker, so a dead server costs nothing), keeps the last good list of a failing backend marked
 * unavailable, applies the allowlist and publishes `models.changed` when the list changes.
 */
export class ModelRegistry {
  private models: ModelInfo[] = [];
  private readonly lastGood = new Map<string, ModelInfo[]>();
  private readonly ttft = new Map<string, number>();
  private fetchedAt = 0;
  private inflight: Promise<ModelInfo[]> | undefined;
  private lastPublished = "";

  constructor(private readonly options: ModelRegistryOptions) {}

  /** The list, refreshed when stale or asked; concurrent refreshes share one round. */
  async list(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const fresh = Date.now() - this.fetchedAt < (this.options.ttlMs ?? 5000);
    if (fresh && !options.refresh && this.fetchedAt) return this.models;
    this.inflight ??= this.fetchAll(options.signal).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /**
   * Find a model by id, or by the partial id/name `run --models` accepts (matchModel's rule). A known id is
   * served from the last listing, however old (the breaker covers backends that went away), so generation
   * never waits on a re-listing; unknown names refresh once.
   */
  async resolve(modelId: string, signal?: AbortSignal): Promise<{ model: ModelInfo; provider: InferenceProvider }> {
    let model = findModel(this.fetchedAt ? this.models : await this.list({ signal }), modelId);
    if (!model) model = findModel(await this.list({ refresh: true, signal }), modelId);
    if (!model) throw new AppError(ErrorCode.NotFound, `Unknown model "${modelId}" (see \`codeconductor models\`)`, { details: { modelId } });
    const provider = this.options.providers.find((p) => p.backend === model.backend && p.provider === model.provider);
    if (!provider) throw new AppError(ErrorCode.Unavailable, `The ${model.backend} backend "${model.provider}" is not enabled`);
    return { model, provider };
  }

  /** Remember a model's last time to first token; shown as its latency. */
  noteTtft(modelId: string, ms: number): void {
    this.ttft.set(modelId, Math.round(ms * 10) / 10);
  }

  /** Mark the list stale (after load/unload/crash) and publish the new one. */
  async invalidate(): Promise<void> {
    this.fetchedAt = 0;
    await this.list().catch(() => {});
  }

  private async fetchAll(signal?: AbortSignal): Promise<ModelInfo[]> {
    const groups = await Promise.all(this.options.providers.map((p) => this.fromProvider(p, signal)));
    const allow = this.options.allowlist;
    this.models = groups.flat().filter((m) => allow.length === 0 || allow.some((a) => modelMatches(m, a)));
    this.fetchedAt = Date.now();
    const json = JSON.stringify(this.models);
    if (json !== this.lastPublished) {
      this.lastPublished = json;
      try {
        this.options.bus.publish("models.changed", { models: this.models });
      } catch {
        // The bus is gone during shutdown.
      }
    }
    return this.models;
  }

  private async fromProvider(p: InferenceProvider, signal?: AbortSignal): Promise<ModelInfo[]> {
    const key = providerKey(p);
    const breaker = this.options.monitor.breaker(p);
    const down = (why: string): ModelInfo[] => (this.lastGood.get(key) ?? []).map((m) => ({ ...m, status: "unavailable", problem: why }));
    if (breaker && !breaker.allow()) return down(`backend unhealthy: ${breaker.lastError ?? "circuit open"}`);
    const started = performance.now();
    try {
      const models = await p.list(signal ?? AbortSignal.timeout(30_000));
      const latency = Math.round((performance.now() - started) * 10) / 10;
      if (p.backend !== "embedded") this.options.monitor.record(p, true, undefined, latency);
      else breaker?.success();
      const withLatency = models.map((m) => ({ ...m, latencyMs: this.ttft.get(m.id) ?? (p.backend === "embedded" ? undefined : latency) }));
      this.lastGood.set(key, withLatency);
      return withLatency;
    } catch (err) {
      const e = toAppError(err);
      if (e.code === ErrorCode.Cancelled) {
        breaker?.release();
        throw e;
      }
      this.options.monitor.record(p, false, e.message);
      return down(e.message);
    }
  }
}
