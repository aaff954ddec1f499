import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { FileFacts } from "../extract/FileFacts.js";
import type { EncodedResults } from "./encodeResults.js";
import type { FileJob, FileResult } from "./FileJob.js";

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Chunks sent and not answered yet. */
  outstanding: number;
}
interface Pending {
  slot: Slot;
  resolve: (r: FileResult[]) => void;
  reject: (e: Error) => void;
}
type Reply = { ready?: true; id?: number; results?: EncodedResults; error?: string };

/** Terminate idle workers after this long (ms): each holds ~30 MB of WASM and grammars. */
const IDLE_MS = 30_000;
/** Chunks queued per worker: one being parsed, one waiting, so it never idles while the engine thread is busy. */
const DEPTH = 2;

/**
 * Parser worker threads, started once and reused until idle for 30 s. The scheduler (`runJobs`) offers
 * chunks with `tryRun`; a worker takes one when it is ready and has room, so a worker still starting up
 * costs nothing but its start-up CPU. Any worker failure rejects its chunks and poisons the pool (the
 * caller then parses in-thread).
 */
export class ExtractorPool {
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private disposed = false;
  private failure: Error | null = null;

  /** @param size worker threads to run. */
  constructor(readonly size: number) {}

  /** Why the pool cannot be used any more (a worker failed, or it was disposed), else null. */
  get failed(): Error | null {
    return this.failure;
  }

  /** Start the workers now (idempotent); each becomes usable when it reports ready. False once failed or disposed. */
  start(): boolean {
    if (this.disposed || this.failure) return false;
    clearTimeout(this.idleTimer);
    // Stop again if no work comes (tryRun clears this; finishing the last chunk re-arms it).
    if (!this.pending.size) this.idleTimer = setTimeout(() => void this.stop(), IDLE_MS).unref();
    if (this.slots.length) return true;
    const self = import.meta.url;
    // CC_EXTRACT_WORKER: a built extractWorker.js (out/cli) used even from sources, as the bench does to
    // measure what users run; a worker through tsx costs ~0.35 s more CPU to start.
    const built = process.env.CC_EXTRACT_WORKER;
    const fromTs = !built && self.endsWith(".ts");
    const module = built ? pathToFileURL(built).href : new URL(`./extractWorker.${fromTs ? "ts" : "js"}`, self).href;
    for (let i = 0; i < this.size; i++) {
      // From sources the bootstrap registers tsx first; a bundled build (electron-vite entry, out/cli) runs the .js directly.
      const worker = fromTs
        ? new Worker(new URL("./workerEntry.mjs", self), { workerData: { module, registerTsx: true } })
        : new Worker(new URL(module));
      const slot: Slot = { worker, ready: false, outstanding: 0 };
      // Referenced only while it has work: an idle or starting pool must not keep the process alive.
      worker.unref();
      worker.on("message", (m: Reply) => this.onMessage(slot, m));
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", (code) => this.slots.includes(slot) && this.fail(new AppError(ErrorCode.Internal, `parser worker exited (${code})`)));
      this.slots.push(slot);
    }
    return true;
  }

  /** Started, and at least one worker ready: using it costs no start-up. */
  get warm(): boolean {
    return this.slots.some((s) => s.ready);
  }

  /** Whether some ready worker has room for another chunk. */
  get hasRoom(): boolean {
    return !this.failure && this.slots.some((s) => s.ready && s.outstanding < DEPTH);
  }

  /** Give `jobs` to a ready worker with room; null when none has (or the pool failed). */
  tryRun(jobs: FileJob[]): Promise<FileResult[]> | null {
    if (this.failure || this.disposed) return null;
    const slot = this.slots.filter((s) => s.ready && s.outstanding < DEPTH).sort((a, b) => a.outstanding - b.outstanding)[0];
    if (!slot) return null;
    clearTimeout(this.idleTimer);
    if (slot.outstanding++ === 0) slot.worker.ref();
    const id = this.nextId++;
    return new Promise<FileResult[]>((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.worker.postMessage({ id, jobs });
    });
  }

  private onMessage(slot: Slot, m: Reply): void {
    if (m.ready) {
      slot.ready = true;
      return;
    }
    const p = this.pending.get(m.id!);
    if (!p) return;
    this.pending.delete(m.id!);
    if (--slot.outstanding === 0) slot.worker.unref();
    if (!this.pending.size && !this.disposed) this.idleTimer = setTimeout(() => void this.stop(), IDLE_MS).unref();
    if (m.error) p.reject(new AppError(ErrorCode.Internal, `parser worker: ${m.error}`));
    else p.resolve(decode(m.results!));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    void this.stop();
  }

  private async stop(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.fail(new AppError(ErrorCode.Cancelled, "engine shutting down"));
    await this.stop();
  }
}

/** Unpack a worker's chunk: facts from JSON, repo-map lines as views on the transferred bytes (no copy). */
function decode(r: EncodedResults): FileResult[] {
  const facts = JSON.parse(r.facts) as Array<FileFacts | null>;
  let start = 0;
  return r.meta.map((m, i) => {
    const end = r.ends[i]!;
    const f = facts[i];
    const out: FileResult = f ? { ...m, facts: f, line: Buffer.from(r.lines.buffer, r.lines.byteOffset + start, end - start) } : m;
    start = end;
    return out;
  });
}
