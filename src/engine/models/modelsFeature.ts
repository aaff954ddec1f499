import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import { EmbeddedPool } from "../inference/embedded/EmbeddedPool.js";
import { resolveLlamaBinary } from "../inference/embedded/binary/resolveLlamaBinary.js";
import { EmbeddedProvider } from "../inference/embedded/EmbeddedProvider.js";
import { chooseThreads, physicalCores } from "../inference/embedded/chooseThreads.js";
import type { GpuChoice } from "../inference/embedded/protocol.js";
import type { InferenceProvider } from "../inference/InferenceProvider.js";
import type { ModelGateway, ModelInfo } from "../inference/types.js";
import { disposeOnce } from "../util/disposeOnce.js";
import { buildProviders } from "./buildProviders.js";
import { modelStores } from "./discovery/modelStores.js";
import { GgufCatalog } from "./GgufCatalog.js";
import { HealthMonitor } from "./HealthMonitor.js";
import { InferenceGateway } from "./InferenceGateway.js";
import { modelsDoctor } from "./modelsDoctor.js";
import { ModelRegistry } from "./ModelRegistry.js";
import { ModelScheduler } from "./ModelScheduler.js";
import { runChat } from "./runChat.js";
import { runBuild } from "./runBuild.js";
import { runPull } from "./runPull.js";

export interface ModelsFeature extends Feature {
  gateway: ModelGateway;
  /** Internals for tests, the bench and other shells. */
  registry: ModelRegistry;
  monitor: HealthMonitor;
  scheduler: ModelScheduler;
  /** Null when the embedded backend is off. */
  embedded: EmbeddedProvider | null;
}

/**
 * Local models: discovery (configured folders + the usual stores), embedded node-llama-cpp in worker
 * processes, Ollama and OpenAI-compatible servers, health with circuit breakers, the scheduler, and
 * the gateway every other capability uses.
 */
export function createModelsFeature(ctx: EngineContext): ModelsFeature {
  const m = ctx.config.models;
  const pullDir = m.dirs[0] ?? path.join(ctx.dataDir, "models");
  const { providers, disabled } = buildProviders(ctx.config);
  const threadsFor = (model: ModelInfo): number => chooseThreads(model.parameterCount, m.threads).threads;
  let embedded: EmbeddedProvider | null = null;
  if (m.backends.includes("embedded")) {
    const catalog = new GgufCatalog({ dirs: [...new Set([...m.dirs, path.join(ctx.dataDir, "models")])], stores: m.discovery ? modelStores(m.stores) : null, contextSize: m.contextSize });
    const pool = new EmbeddedPool({
      gpu: m.gpu === "cpu" ? false : (m.gpu as GpuChoice),
      memoryBudgetBytes: m.memoryBudgetMiB * 2 ** 20,
      contextSize: (model) => Math.min(m.contextSize, model.contextLength ?? m.contextSize),
      threads: threadsFor,
      onChange: () => void registry.invalidate(),
      log: (level, msg) => ctx.logger[level]({ capability: "models" }, msg),
      spawn: ctx.ports.workers?.spawn,
    });
    embedded = new EmbeddedProvider((signal) => catalog.list(signal), pool);
    providers.unshift(embedded);
  } else {
    disabled.push({ backend: "embedded", provider: "local", breaker: "closed", healthy: false, disabled: 'backend "embedded" is not in models.backends (ENGINE_BACKENDS)' });
  }
  const monitor = new HealthMonitor({
    bus: ctx.bus,
    intervalMs: m.health.intervalMs,
    breaker: { failureThreshold: m.health.failureThreshold, cooldownMs: m.health.cooldownMs },
    disabled,
  });
  for (const p of providers) monitor.add(p);
  const registry = new ModelRegistry({ providers, monitor, bus: ctx.bus, allowlist: m.allowlist });
  const scheduler = new ModelScheduler({ maxParallel: m.maxParallel, cpuSlots: physicalCores() });
  const gateway = new InferenceGateway({
    registry,
    scheduler,
    monitor,
    sampling: { temperature: ctx.config.sampling.temperature, topP: ctx.config.sampling.topP, maxTokens: ctx.config.sampling.maxTokens },
    budgets: m.budgets,
    maxOutputBytes: m.maxOutputBytes,
    cpuThreads: (model) => (model.backend === "embedded" ? threadsFor(model) : 0),
    log: (level, obj, msg) => ctx.logger[level]({ capability: "models", ...obj }, msg),
  });
  // Probes start with the first use, so commands that never touch models never touch the network.
  const started = (): void => monitor.start();

  const gpuChoice = (m.gpu === "cpu" ? false : m.gpu) as GpuChoice;
  // Which llama.cpp binary a worker would load; a loaded worker's own report replaces it (models.load).
  let binaryKnown = false;
  const noteBinary = (): void => {
    if (!embedded || binaryKnown) return;
    binaryKnown = true;
    monitor.setBinary(embedded, resolveLlamaBinary(gpuChoice).detail);
  };
  const withHealth = async (refresh: boolean, signal: AbortSignal): Promise<{ models: ModelInfo[]; backends: ReturnType<HealthMonitor["status"]>; tookMs: number }> => {
    started();
    noteBinary();
    const t0 = performance.now();
    const models = await registry.list({ refresh, signal });
    return { models, backends: monitor.status(), tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  };
  const embeddedModel = async (modelId: string, signal: AbortSignal): Promise<{ model: ModelInfo; provider: EmbeddedProvider }> => {
    const { model, provider } = await registry.resolve(modelId, signal);
    if (provider !== embedded || !embedded) throw new AppError(ErrorCode.Unsupported, `${modelId} is served by ${model.backend}; load and unload it there`);
    return { model, provider: embedded };
  };

  return {
    gateway: {
      listModels: (o) => (started(), gateway.listModels(o)),
      generate: (r) => (started(), gateway.generate(r)),
    },
    registry,
    monitor,
    scheduler,
    embedded,
    handlers: {
      "models.list": async ({ refresh }, { signal }) => withHealth(refresh ?? false, signal),
      "models.refresh": async (_i, { signal }) => withHealth(true, signal),
      "models.health": async ({ probe }, { signal }) => {
        started();
        if (probe) await monitor.probeAll(signal);
        return { backends: monitor.status() };
      },
      "models.load": async ({ modelId }, { signal }) => {
        const { model, provider } = await embeddedModel(modelId, signal);
        await provider.prepare(model, signal);
        const ready = provider.pool.get(model.id)?.host.ready;
        if (ready) {
          monitor.setGpu(provider, ready.gpu);
          monitor.setBinary(provider, ready.binary === "localBuild" ? `local build (loaded; ${resolveLlamaBinary(gpuChoice).detail})` : "prebuilt (loaded)");
          binaryKnown = true;
        }
        await registry.invalidate();
        const now = (await registry.list({ signal })).find((x) => x.id === modelId);
        return { model: now ?? model };
      },
      "models.embed": async ({ modelId, texts }, { signal }) => (started(), gateway.embed({ modelId, texts, signal })),
      "models.unload": async ({ modelId }, { signal }) => {
        const { model, provider } = await embeddedModel(modelId, signal);
        const unloaded = await provider.pool.unload(model.id);
        await registry.invalidate();
        return { unloaded };
      },
    },
    runs: {
      "models.chat": (input, rc) => runChat(gateway, input, rc),
      "models.build": (input, rc) => runBuild(input, rc, { dataDir: ctx.dataDir, onDone: () => void (binaryKnown = false) }),
      "models.pull": (input, rc) => runPull(input, rc, { defaultDir: pullDir, hfEndpoint: m.hfEndpoint, onDone: () => registry.invalidate() }),
    },
    doctor: (signal) => modelsDoctor({ spawn: ctx.ports.workers?.spawn, config: ctx.config, providers: providers as InferenceProvider[], disabled, embedded, monitor, registry, pullDir }, signal),
    dispose: disposeOnce(async () => {
      monitor.dispose();
      await Promise.allSettled(providers.map((p) => p.dispose()));
    }),
  };
}
