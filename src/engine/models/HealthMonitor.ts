import type { BackendHealth } from "../../shared/contract/models.js";
import { toAppError } from "../../shared/contract/errors.js";
import type { InferenceProvider } from "../inference/InferenceProvider.js";
import type { EventBus } from "../util/EventBus.js";
import { CircuitBreaker, type CircuitBreakerOptions } from "./CircuitBreaker.js";

interface Entry {
  provider: InferenceProvider;
  breaker: CircuitBreaker;
  latencyMs?: number;
  checkedAt?: number;
  gpu?: string;
  binary?: string;
}

/** Key of a provider instance: "<backend>:<provider>". */
export const providerKey = (p: { backend: string; provider: string }): string => `${p.backend}:${p.provider}`;

/**
 * Health of every backend: a circuit breaker each, periodic probes (unref'd timer) with latency, and a
 * `models.health` event whenever a probe finishes or a breaker changes state. Disabled backends are
 * listed with the reason.
 */
export class HealthMonitor {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly options: { bus: EventBus; intervalMs: number; breaker: CircuitBreakerOptions; disabled: BackendHealth[] },
  ) {}

  add(provider: InferenceProvider): void {
    this.entries.set(providerKey(provider), { provider, breaker: new CircuitBreaker(this.options.breaker) });
  }

  breaker(p: { backend: string; provider: string }): CircuitBreaker | undefined {
    return this.entries.get(providerKey(p))?.breaker;
  }

  setGpu(p: { backend: string; provider: string }, gpu: string): void {
    const e = this.entries.get(providerKey(p));
    if (e) e.gpu = gpu;
  }

  /** Embedded: which llama.cpp binary loads (see resolveLlamaBinary). */
  setBinary(p: { backend: string; provider: string }, binary: string): void {
    const e = this.entries.get(providerKey(p));
    if (e) e.binary = binary;
  }

  /** Record a request's or probe's outcome against the breaker and publish the new health. */
  record(p: { backend: string; provider: string }, ok: boolean, error?: string, latencyMs?: number): void {
    const e = this.entries.get(providerKey(p));
    if (!e) return;
    if (ok) e.breaker.success();
    else e.breaker.failure(error ?? "failed");
    if (latencyMs !== undefined) e.latencyMs = latencyMs;
    e.checkedAt = Date.now();
    this.publish(e);
  }

  status(): BackendHealth[] {
    return [...[...this.entries.values()].map((e) => this.toHealth(e)), ...this.options.disabled];
  }

  /** Probe every backend whose breaker allows a trial (closed or half-open). Concurrent callers share one round. */
  probeAll(signal?: AbortSignal): Promise<void> {
    this.probing ??= Promise.all([...this.entries.values()].map((e) => this.probe(e, signal))).then(
      () => void (this.probing = undefined),
      () => void (this.probing = undefined),
    );
    return this.probing;
  }

  private async probe(e: Entry, signal?: AbortSignal): Promise<void> {
    if (!e.breaker.allow()) return;
    const started = performance.now();
    try {
      await e.provider.probe(AbortSignal.any([this.controller.signal, ...(signal ? [signal] : [])]));
      this.record(e.provider, true, undefined, Math.round((performance.now() - started) * 10) / 10);
    } catch (err) {
      if (this.controller.signal.aborted || signal?.aborted) return e.breaker.release();
      this.record(e.provider, false, toAppError(err).message);
    }
  }

  /** Start periodic probes (no-op when the interval is 0). */
  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    void this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), this.options.intervalMs);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.controller.abort();
  }

  private toHealth(e: Entry): BackendHealth {
    const state = e.breaker.state;
    return {
      backend: e.provider.backend,
      provider: e.provider.provider,
      ...(e.provider.url ? { url: e.provider.url } : {}),
      breaker: state,
      healthy: state === "closed" && !e.breaker.lastError,
      ...(e.latencyMs !== undefined ? { latencyMs: e.latencyMs } : {}),
      ...(e.breaker.lastError ? { lastError: e.breaker.lastError } : {}),
      ...(e.checkedAt ? { checkedAt: e.checkedAt } : {}),
      ...(e.gpu ? { gpu: e.gpu } : {}),
      ...(e.binary ? { binary: e.binary } : {}),
    };
  }

  private publish(e: Entry): void {
    try {
      this.options.bus.publish("models.health", this.toHealth(e));
    } catch {
      // The bus is gone during shutdown.
    }
  }
}
