import fs from "node:fs";
import os from "node:os";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ModelInfo } from "../types.js";
import { InferenceHost } from "./InferenceHost.js";
import type { GpuChoice, WorkerEstimate, WorkerLoaded } from "./protocol.js";
import type { WorkerSpawner } from "./WorkerProcess.js";

/** A loaded embedded model: its worker process and what it costs. */
export interface LoadedModel {
  modelId: string;
  path: string;
  host: InferenceHost;
  loaded: WorkerLoaded;
  estimate: WorkerEstimate;
  lastUsed: number;
  busy: number;
}

export interface EmbeddedPoolOptions {
  gpu: GpuChoice;
  /** Memory the loaded models may use, bytes; 0 = 60% of free RAM (plus what we already hold). */
  memoryBudgetBytes: number;
  /** Context size for a model (already capped at its trained context by the worker). */
  contextSize(model: ModelInfo): number;
  threads(model: ModelInfo): number;
  /** Defaults to `512`. */
  batchSize?: number;
  /** Called when a model loads, unloads or crashes. */
  onChange?(): void;
  log?(level: "info" | "warn", msg: string): void;
  /** How workers start (Electron: utilityProcess). Defaults to Node child processes. */
  spawn?: WorkerSpawner;
}

/**
 * Loaded embedded models, one worker process each. Estimates a model's memory with node-llama-cpp's GGUF
 * insights (in the worker, before loading), unloads least-recently-used idle models to stay within the
 * budget, and remembers files that crashed llama.cpp while loading so they are not retried until changed.
 */
export class EmbeddedPool {
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly crashed = new Map<string, { why: string; stamp: string }>();
  private disposed = false;

  constructor(private readonly options: EmbeddedPoolOptions) {}

  get(modelId: string): LoadedModel | undefined {
    const m = this.loaded.get(modelId);
    return m?.host.alive ? m : undefined;
  }

  list(): LoadedModel[] {
    return [...this.loaded.values()];
  }

  /** Why this file cannot be loaded (it crashed llama.cpp and has not changed since), if so. */
  problem(path: string): string | undefined {
    const c = this.crashed.get(path);
    return c && c.stamp === stamp(path) ? c.why : undefined;
  }

  /** Load `model` unless loaded; concurrent callers share one load. */
  async ensure(model: ModelInfo, signal?: AbortSignal): Promise<LoadedModel> {
    if (this.disposed) throw new AppError(ErrorCode.Unavailable, "Engine is shutting down");
    const hit = this.get(model.id);
    if (hit) {
      hit.lastUsed = Date.now();
      return hit;
    }
    let p = this.loading.get(model.id);
    if (!p) {
      p = this.load(model, signal).finally(() => this.loading.delete(model.id));
      this.loading.set(model.id, p);
    }
    return p;
  }

  private async load(model: ModelInfo, signal?: AbortSignal): Promise<LoadedModel> {
    const path = model.path;
    if (!path) throw new AppError(ErrorCode.Internal, `Model ${model.id} has no file path`);
    const bad = this.problem(path);
    if (bad) throw new AppError(ErrorCode.Corrupt, `${model.name}: ${bad}`, { details: { path } });
    const host = await InferenceHost.start({ gpu: this.options.gpu, signal, spawn: this.options.spawn });
    let phase = "estimating";
    host.onExitOnce((why, expected) => this.onExit(model, host, why, expected, phase));
    try {
      const ctx = this.options.contextSize(model);
      const estimate = await host.estimate(path, ctx);
      await this.makeRoom(model, estimate);
      phase = "loading";
      const loaded = await host.load(path, ctx, this.options.threads(model), this.options.batchSize ?? 512);
      phase = "generating";
      const entry: LoadedModel = { modelId: model.id, path, host, loaded, estimate, lastUsed: Date.now(), busy: 0 };
      this.loaded.set(model.id, entry);
      this.options.log?.("info", `loaded ${model.id} in ${Math.round(loaded.loadMs)} ms (${loaded.threads} threads, ctx ${loaded.contextSize}, gpu layers ${loaded.gpuLayers})`);
      this.options.onChange?.();
      return entry;
    } catch (err) {
      await host.dispose();
      const crash = this.problem(path);
      throw crash ? new AppError(ErrorCode.Corrupt, `${model.name}: ${crash}`, { cause: err, details: { path } }) : err;
    }
  }

  private async makeRoom(model: ModelInfo, estimate: WorkerEstimate): Promise<void> {
    const need = estimate.ramBytes + (this.options.gpu === false ? estimate.vramBytes : 0);
    const held = (): number => this.list().reduce((n, m) => n + m.estimate.ramBytes, 0);
    const budget = this.options.memoryBudgetBytes || Math.floor(os.freemem() * 0.6) + held();
    const idle = this.list()
      .filter((m) => m.busy === 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    while (held() + need > budget && idle.length) {
      const victim = idle.shift()!;
      this.options.log?.("info", `unloading ${victim.modelId} to make room for ${model.id}`);
      await this.unload(victim.modelId);
    }
    if (held() + need > budget) {
      const mib = (b: number): number => Math.round(b / 2 ** 20);
      throw new AppError(ErrorCode.Unavailable, `${model.name} needs ~${mib(need)} MiB; the memory budget is ${mib(budget)} MiB with ${mib(held())} MiB in use by busy models`, {
        details: { needBytes: need, budgetBytes: budget },
      });
    }
  }

  async unload(modelId: string): Promise<boolean> {
    const m = this.loaded.get(modelId);
    if (!m) return false;
    this.loaded.delete(modelId);
    await m.host.dispose();
    this.options.onChange?.();
    return true;
  }

  private onExit(model: ModelInfo, host: InferenceHost, why: string, expected: boolean, phase: string): void {
    if (this.loaded.get(model.id)?.host === host) this.loaded.delete(model.id);
    if (expected) return;
    this.options.log?.("warn", `inference worker for ${model.id} died while ${phase}: ${why}`);
    if (phase !== "generating" && model.path) this.crashed.set(model.path, { why: `llama.cpp crashed while ${phase} this file (${why})`, stamp: stamp(model.path) });
    this.options.onChange?.();
  }

  /** Kill every worker. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.loading.values()]);
    await Promise.all(this.list().map((m) => m.host.dispose()));
    this.loaded.clear();
  }
}

function stamp(path: string): string {
  try {
    const s = fs.statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}
