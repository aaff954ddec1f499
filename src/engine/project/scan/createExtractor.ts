import os from "node:os";
import type { Logger } from "../../util/createLogger.js";
import { ExtractorPool } from "./ExtractorPool.js";
import { inThreadExtractor } from "./inThreadExtractor.js";
import type { Extractor } from "./scanFiles.js";

/** Below this many files to parse in a scan, parse in-thread: starting workers costs more than it saves. */
const MIN_POOL_FILES = 1500;

/**
 * Parser threads for `workers: 0`: one per core beyond the engine's own, at most 8 — and none below 4
 * cores, where measurements (2 cores, other work running) showed the pool slower than parsing in-thread:
 * cloning sources and facts across threads costs more than a single extra core gains.
 */
export function autoWorkers(cores = os.availableParallelism()): number {
  return cores >= 4 ? Math.min(8, cores - 1) : 1;
}

/**
 * The engine's extractor: a worker pool (`workers` threads; 0 = `autoWorkers()`) for big scans
 * (≥ 1500 files to parse), in-thread for small ones, and in-thread for good if workers cannot start (e.g. a bundle without the
 * worker file). `workers: 1` never starts threads.
 */
export function createExtractor(workers: number, logger?: Logger): { extract: Extractor; dispose: () => Promise<void> } {
  const size = workers === 0 ? autoWorkers() : workers;
  let pool: ExtractorPool | null = size > 1 ? new ExtractorPool(size) : null;
  const extract: Extractor = async (jobs, signal, expected = jobs.length) => {
    if (!pool || expected < MIN_POOL_FILES) return inThreadExtractor(jobs, signal);
    try {
      return await pool.extract(jobs, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      logger?.warn({ err: (e as Error).message }, "parser workers failed; parsing in the engine thread from now on");
      const p = pool;
      pool = null;
      void p.dispose();
      return inThreadExtractor(jobs, signal);
    }
  };
  return { extract, dispose: async () => void (await pool?.dispose()) };
}
