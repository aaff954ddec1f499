import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ExtractorPool } from "./ExtractorPool.js";
import type { FileJob, FileResult } from "./FileJob.js";
import { loadFile } from "./loadFile.js";

/** How one run shared its chunks (for benchmarks and logs). */
export interface RunStats {
  chunksHere: number;
  chunksInWorkers: number;
  /** When the first chunk went to a worker (ms after the start), or null if none did. */
  firstWorkerMs: number | null;
}

export interface RunJobsOptions {
  /** Workers to share the chunks with; null parses everything on this thread. */
  pool?: ExtractorPool | null;
  signal?: AbortSignal;
  /** Jobs finished so far. */
  onProgress?: (done: number) => void;
  /** Called if the pool fails; its chunks are then redone here. */
  onPoolError?: (e: Error) => void;
  /** Filled in with how the work was shared. */
  stats?: RunStats;
}

interface Chunk {
  from: number;
  jobs: FileJob[];
}

/** A chunk is ~10–20 ms of parsing: small enough to keep the event loop and the workers' queues moving. */
const CHUNK_BYTES = 48 * 1024;
const CHUNK_FILES = 48;

function chunksOf(jobs: readonly FileJob[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: FileJob[] = [];
  let bytes = 0;
  jobs.forEach((j, i) => {
    if (!cur.length) out.push({ from: i, jobs: (cur = []) });
    cur.push(j);
    bytes += j.size;
    if (bytes >= CHUNK_BYTES || cur.length >= CHUNK_FILES) {
      cur = [];
      bytes = 0;
    }
  });
  return out;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Load `jobs` (results in the same order), sharing the work between this thread and the pool's workers:
 * both take chunks from one queue, the workers whenever they have room, this thread otherwise. So a
 * worker that is slow to start, or starved by other processes, simply takes fewer chunks, and the engine
 * thread never sits idle while work is queued. Yields to the event loop after each chunk.
 */
export async function runJobs(jobs: readonly FileJob[], options: RunJobsOptions = {}): Promise<FileResult[]> {
  const results = new Array<FileResult>(jobs.length);
  const queue = chunksOf(jobs);
  const stats = options.stats ?? { chunksHere: 0, chunksInWorkers: 0, firstWorkerMs: null };
  const startedAt = performance.now();
  let next = 0;
  let done = 0;
  let pool = options.pool ?? null;
  const inflight = new Set<Promise<void>>();
  const redo: Chunk[] = [];
  const finish = (c: Chunk, rs: FileResult[]): void => {
    rs.forEach((r, k) => (results[c.from + k] = r));
    done += rs.length;
    options.onProgress?.(done);
  };
  const feed = (): void => {
    while (pool?.hasRoom && next < queue.length) {
      const c = queue[next++]!;
      stats.chunksInWorkers++;
      stats.firstWorkerMs ??= Math.round(performance.now() - startedAt);
      const p = pool.tryRun(c.jobs)!.then(
        (rs) => finish(c, rs),
        (e: Error) => {
          if (pool) options.onPoolError?.(e);
          pool = null;
          stats.chunksInWorkers--;
          redo.push(c);
        },
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  };
  const runHere = async (c: Chunk): Promise<void> => {
    const rs: FileResult[] = [];
    for (const job of c.jobs) rs.push(await loadFile(job));
    stats.chunksHere++;
    finish(c, rs);
    await turn();
    if (options.signal?.aborted) throw options.signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
  };
  feed();
  while (next < queue.length) {
    await runHere(queue[next++]!);
    feed();
  }
  while (inflight.size) await Promise.race(inflight);
  for (const c of redo) await runHere(c);
  return results;
}
