import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { LanguageId } from "../../parsing/index.js";
import type { FileFacts } from "../extract/FileFacts.js";

type Job = { lang: LanguageId; text: string };
interface Pending {
  resolve: (f: FileFacts[]) => void;
  reject: (e: Error) => void;
}
interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: number;
}

/** Terminate idle workers after this long (ms): they hold ~30 MB of WASM each. */
const IDLE_MS = 30_000;

/**
 * A small pool of parser worker threads. Jobs are split into one chunk per worker; results come back in
 * order. Workers start lazily and stop after 30 s idle. Any worker failure rejects the call (the caller
 * falls back to parsing in-thread).
 */
export class ExtractorPool {
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly size: number) {}

  private start(): Slot[] {
    if (this.slots.length) return this.slots;
    const self = import.meta.url;
    const fromTs = self.endsWith(".ts");
    const module = new URL(`./extractWorker.${fromTs ? "ts" : "js"}`, self).href;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL("./workerEntry.mjs", self), { workerData: { module, registerTsx: fromTs } });
      const ready = new Promise<void>((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
      });
      worker.on("message", (m: { id?: number; facts?: FileFacts[]; error?: string }) => this.onMessage(m));
      worker.on("error", (e) => this.failAll(e));
      this.slots.push({ worker, ready, busy: 0 });
    }
    return this.slots;
  }

  private onMessage(m: { id?: number; facts?: FileFacts[]; error?: string }): void {
    if (m.id === undefined) return;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.error) p?.reject(new AppError(ErrorCode.Internal, `parser worker: ${m.error}`));
    else p?.resolve(m.facts!);
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    void this.stop();
  }

  /** Parse `jobs` across the workers. */
  async extract(jobs: Job[], signal?: AbortSignal): Promise<FileFacts[]> {
    if (this.disposed) throw new AppError(ErrorCode.Unavailable, "extractor pool disposed");
    clearTimeout(this.idleTimer);
    const slots = this.start();
    const per = Math.ceil(jobs.length / slots.length);
    const parts = await Promise.all(
      slots.map(async (slot, i) => {
        const chunk = jobs.slice(i * per, (i + 1) * per);
        if (!chunk.length) return [];
        // Referenced only while starting or busy: an idle pool must not keep the process alive.
        if (slot.busy++ === 0) slot.worker.ref();
        try {
          await slot.ready;
          signal?.throwIfAborted();
          const id = this.nextId++;
          return await new Promise<FileFacts[]>((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            slot.worker.postMessage({ id, jobs: chunk });
          });
        } finally {
          if (--slot.busy === 0) slot.worker.unref();
        }
      }),
    );
    if (this.slots.every((s) => s.busy === 0)) this.idleTimer = setTimeout(() => void this.stop(), IDLE_MS).unref();
    return parts.flat();
  }

  private async stop(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.failAll(new AppError(ErrorCode.Cancelled, "engine shutting down"));
    await this.stop();
  }
}
