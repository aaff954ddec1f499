import fs from "node:fs";
import path from "node:path";
import type { DoctorCheck, Notice } from "../shared/contract/system.js";
import { RpcServer } from "../shared/rpc/RpcServer.js";
import { methods, type MethodName, type MethodOutput } from "../shared/contract/methods.js";
import type { CallContext, Handlers, MethodInput } from "../shared/rpc/types.js";
import { createConfigFeature } from "./config/configFeature.js";
import type { LoadedConfig } from "./config/loadConfig.js";
import type { EngineContext } from "./EngineContext.js";
import { createConductorFeature } from "./conductor/conductorFeature.js";
import { followChildRun } from "./runs/followChildRun.js";
import { createEnsembleFeature } from "./ensemble/ensembleFeature.js";
import type { Feature } from "./Feature.js";
import { createLearningFeature, type LearningFeature } from "./learning/learningFeature.js";
import { createInsightFeature } from "./insight/insightFeature.js";
import { createModelsFeature, type ModelsFeature } from "./models/modelsFeature.js";
import type { Ports } from "./ports.js";
import { createProjectFeature } from "./project/projectFeature.js";
import { RunManager } from "./runs/RunManager.js";
import { allMigrations } from "./allMigrations.js";
import { openDatabase } from "./storage/openDatabase.js";
import { coreDoctorChecks } from "./system/coreDoctorChecks.js";
import { createLogger, logsDir, type Logger } from "./util/createLogger.js";
import { disposeOnce } from "./util/disposeOnce.js";
import { EventBus } from "./util/EventBus.js";
import { APP_VERSION } from "./version.js";
import { createVerifyFeature } from "./verify/verifyFeature.js";

export interface Engine {
  /** Handlers for every contract method. */
  handlers: Handlers;
  bus: EventBus;
  ctx: EngineContext;
  models: ModelsFeature;
  /** Pattern library, selectors, retrieval (`patterns.similar`) and error memory (`matchingErrors`). */
  learning: LearningFeature;
  /**
   * An RPC server for this engine's contract: a closed connection hands its runs to the grace period,
   * protocol problems are logged. Each shell (Electron, web, CLI, tests) accepts its connections on one.
   */
  createRpcServer(): RpcServer;
  /** Release everything the engine owns. Idempotent. */
  dispose(): Promise<void>;
}

export interface CreateEngineOptions {
  /** Mirror logs to stderr. */
  verbose?: boolean;
  /** Use this logger instead of the data-dir file logger (tests). */
  logger?: Logger;
  /** How long runs outlive a closed connection. Defaults to `10000` ms. */
  orphanGraceMs?: number;
}

/**
 * Build the engine under plain Node: open the database, wire the capabilities, return the contract handlers.
 * Every shell (Electron main, web server, CLI, tests) calls this one function.
 */
export async function createEngine(config: LoadedConfig, ports: Ports, options: CreateEngineOptions = {}): Promise<Engine> {
  const dataDir = ports.paths.dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  const logHandle = options.logger ? null : createLogger({ dir: logsDir(dataDir), verbose: options.verbose });
  const logger = options.logger ?? logHandle!.logger;
  const bus = new EventBus();
  const notices: Notice[] = [];
  const notify = (n: Omit<Notice, "at">): void => {
    const notice: Notice = { ...n, at: Date.now() };
    notices.push(notice);
    if (notices.length > 200) notices.shift();
    logger[n.level === "error" ? "error" : n.level === "warn" ? "warn" : "info"]({ notice: n.title }, n.message ?? n.title);
    bus.publish("system.notice", notice);
  };

  for (const p of config.problems) notify({ level: "warn", title: "Configuration problem", message: p });
  if (config.problems.length) notify({ level: "warn", title: "Using defaults for the settings above" });

  const opened = await openDatabase({ file: path.join(dataDir, "codeconductor.db"), migrations: allMigrations });
  for (const n of opened.notices) notify({ level: "warn", title: "Database", message: n });

  const runs = new RunManager({ bus, logger, db: opened.readOnly ? null : opened.db, orphanGraceMs: options.orphanGraceMs });
  const ctx: EngineContext = {
    config: config.config,
    configInfo: config,
    ports,
    dataDir,
    db: opened.db,
    dbReadOnly: opened.readOnly,
    bus,
    runs,
    logger,
    notify,
  };

  const models = createModelsFeature(ctx);
  // Capabilities reach each other through the contract: `call` dispatches to the merged handlers below.
  const merged: { handlers?: Handlers } = {};
  const call = <M extends MethodName>(method: M, input: MethodInput<M>, signal?: AbortSignal): Promise<MethodOutput<M>> => {
    const def = methods[method];
    const parsed = def.input.parse(input);
    return (merged.handlers![method] as (i: unknown, c: CallContext) => Promise<MethodOutput<M>>)(parsed, { signal: signal ?? new AbortController().signal, connectionId: "engine" });
  };
  const learning = createLearningFeature(ctx, { embed: (modelId, texts, signal) => call("models.embed", { modelId, texts }, signal) });
  const ensemble = createEnsembleFeature(ctx, { models: models.gateway, weights: learning.weights, select: (m, c, o, x) => learning.selector.select(m, c, o, x) });
  const features: Feature[] = [
    createConfigFeature(ctx),
    models,
    createProjectFeature(ctx, { models: models.gateway }),
    createVerifyFeature(ctx),
    ensemble,
    learning,
    createInsightFeature(ctx),
    createConductorFeature(ctx, {
      call,
      child: (kind, input, signal, onEvent) => followChildRun(ctx, kind, input, signal, onEvent),
      knownErrors: (tests) => learning.matchingErrors(tests).text,
      // Emergency stop also ends the embedded models' worker processes (they reload on the next use).
      killWorkers: async () => {
        const pool = models.embedded?.pool;
        await Promise.allSettled((pool?.list() ?? []).map((m) => pool!.unload(m.modelId)));
      },
    }),
  ];
  for (const f of features) runs.registerAll(f.runs ?? {});
  const doctor = async (signal: AbortSignal, onCheck?: (done: number, total: number) => void): Promise<DoctorCheck[]> => {
    const checks = await coreDoctorChecks(ctx, signal);
    const extra = features.filter((f) => f.doctor);
    onCheck?.(1, extra.length + 1);
    for (const [i, f] of extra.entries()) {
      checks.push(...(await f.doctor!(signal)));
      onCheck?.(i + 2, extra.length + 1);
    }
    return checks;
  };
  runs.register("system.doctor", async (_input, run) => ({
    checks: await doctor(run.signal, (done, total) => run.progress(done / total, `${done}/${total} check groups`)),
  }));

  const core: Partial<Handlers> = {
    "system.ping": async () => ({ pong: true as const, at: Date.now() }),
    "system.info": async () => ({ version: APP_VERSION, shell: ports.shell, dataDir, dbReadOnly: opened.readOnly, notices: [...notices] }),
    "system.notices": async () => ({ notices: [...notices] }),
    "system.doctor": async (_input, { signal }) => ({ checks: await doctor(signal) }),
    "runs.start": async ({ kind, input, detached }, { connectionId }) => ({ runId: runs.start(kind, input, connectionId, detached ?? false) }),
    "runs.cancel": async ({ runId }) => ({ cancelled: runs.cancel(runId) }),
    "runs.get": async ({ runId }) => runs.get(runId),
    "runs.attach": async ({ runId }, { connectionId }) => ({ run: runs.attach(runId, connectionId) }),
    "runs.list": async ({ limit, kind }) => ({ runs: runs.list(limit, kind) }),
  };
  const handlers = (merged.handlers = Object.assign({}, core, ...features.map((f) => f.handlers ?? {})) as Handlers);

  const dispose = disposeOnce(async () => {
    await runs.dispose();
    for (const f of [...features].reverse()) {
      try {
        await f.dispose?.();
      } catch (e) {
        logger.error({ err: (e as Error).message }, "feature dispose failed");
      }
    }
    bus.dispose();
    if (opened.db.open) opened.db.close();
    await logHandle?.dispose();
  });

  const createRpcServer = (): RpcServer =>
    new RpcServer({ handlers, topics: bus, onConnectionClosed: (id) => runs.releaseOwner(id), onProtocolError: (m) => logger.warn(m) });

  return { handlers, bus, ctx, models, learning, createRpcServer, dispose };
}
