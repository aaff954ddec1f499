import os from "node:os";
import type { Logger } from "../../util/createLogger.js";
import { ExtractorPool } from "./ExtractorPool.js";
import { runJobs, type RunStats } from "./runJobs.js";
import type { Extractor } from "./scanFiles.js";

/**
 * Source bytes to parse before a cold pool is used. A fresh worker costs ~0.35 s of CPU to start under tsx
 * (module loading, grammars, its own JIT and WASM warm-up) plus JSON hand-over of its results, and on 2
 * cores that CPU is taken from the engine thread. Measured here (2 cores, quiet, generated repos): 3 MB
 * breaks even, 5 MB is 12 % faster with the worker, 10 MB 27 %.
 */
const MIN_POOL_BYTES = 4_000_000;
/** With workers already running (warm), sharing pays off for anything beyond a few chunks. */
const MIN_WARM_BYTES = 256 * 1024;

/**
 * Parser threads for `workers: 0`, counting the engine thread (which parses too): one per core, at most 8.
 * On 2 cores that is the engine thread plus one worker; the work is shared chunk by chunk, so a worker
 * slowed down by other processes only takes fewer chunks.
 */
export function autoWorkers(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(8, cores));
}

/** What `createExtractor` returns: the extractor, and how its last run was shared (for benchmarks). */
export interface ExtractorHandle {
  extract: Extractor;
  /** Parser threads it may use, the engine thread included. */
  threads: number;
  lastRun: { threads: number; why: string; stats: RunStats } | null;
  dispose: () => Promise<void>;
}

/**
 * The engine's extractor. `workers` counts parser threads including the engine thread (0 = `autoWorkers()`,
 * 1 = never start threads). Worker threads start on the first scan big enough to repay their start-up
 * (≥ 4 MB of source to parse), are reused while warm (≥ 256 KB then), and stop after 30 s idle. If workers fail (e.g. a
 * bundle without the worker file), parsing stays on the engine thread for good.
 */
export function createExtractor(workers: number, logger?: Logger): ExtractorHandle {
  const threads = workers === 0 ? autoWorkers() : workers;
  let pool: ExtractorPool | null = threads > 1 ? new ExtractorPool(threads - 1) : null;
  const giveUp = (e: Error): void => {
    if (!pool) return;
    logger?.warn({ err: e.message }, "parser workers failed; parsing in the engine thread from now on");
    void pool.dispose();
    pool = null;
  };
  const onPoolError = (signal?: AbortSignal) => (e: Error) => void (!signal?.aborted && giveUp(e));
  const extract: Extractor = (jobs, options = {}) => {
    // A worker that died while idle poisoned the pool without a chunk to report it.
    if (pool?.failed) giveUp(pool.failed);
    let bytes = 0;
    for (const j of jobs) if (j.parse) bytes += j.size;
    const warm = !!pool?.warm;
    const use = pool && bytes >= (warm ? MIN_WARM_BYTES : MIN_POOL_BYTES) && pool.start() ? pool : null;
    const stats: RunStats = { chunksHere: 0, chunksInWorkers: 0, firstWorkerMs: null };
    handle.lastRun = { threads: use ? threads : 1, why: whyThreads(threads, !!pool, bytes, warm, !!use), stats };
    return runJobs(jobs, { ...options, pool: use, stats, onPoolError: onPoolError(options.signal) });
  };
  // Start-up (~0.2–0.4 s) then overlaps the rest of the walk; a pool started for nothing idles out in 30 s.
  extract.prepare = () => void pool?.start();
  const handle: ExtractorHandle = { threads, lastRun: null, extract, dispose: async () => void (await pool?.dispose()) };
  return handle;
}

function whyThreads(threads: number, hasPool: boolean, bytes: number, warm: boolean, used: boolean): string {
  const mb = (bytes / 1e6).toFixed(1);
  if (!hasPool) return threads > 1 ? "workers failed earlier: engine thread only" : "workers: 1, engine thread only";
  if (used) return `${mb} MB to parse${warm ? ", workers warm" : ` ≥ ${MIN_POOL_BYTES / 1e6} MB`}: engine thread + ${threads - 1} worker(s)`;
  return `${mb} MB to parse < ${warm ? `${MIN_WARM_BYTES / 1024} KB (workers warm)` : `${MIN_POOL_BYTES / 1e6} MB`}: engine thread only`;
}
