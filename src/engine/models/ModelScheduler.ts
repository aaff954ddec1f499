import { AppError, ErrorCode } from "../../shared/contract/errors.js";

/** What a generation needs from the machine. */
export interface SlotRequest {
  modelId: string;
  /** CPU threads it will keep busy (embedded models); 0 for remote servers. */
  cpuThreads: number;
}

interface Waiter extends SlotRequest {
  grant: () => void;
}

/**
 * Decides when a generation may start: at most `maxParallel` at once (MAX_PARALLEL_MODELS), one at a time
 * per model, and CPU-bound embedded models only while their threads fit the cores. Two models that would
 * each want every core therefore run one after the other (parallel would only make both slower); tiny
 * one-thread models run side by side. A model wanting more threads than there are cores runs alone.
 */
export class ModelScheduler {
  private running = 0;
  private cpuUsed = 0;
  private readonly busyModels = new Set<string>();
  private readonly queue: Waiter[] = [];

  constructor(private readonly options: { maxParallel: number; cpuSlots: number }) {}

  /** Wait for a slot; resolves to `release`. Aborting `signal` leaves the queue with `cancelled`. */
  acquire(req: SlotRequest, signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AppError(ErrorCode.Cancelled, "Cancelled", { cause: signal.reason }));
      const waiter: Waiter = {
        ...req,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.running--;
            this.cpuUsed -= req.cpuThreads;
            this.busyModels.delete(req.modelId);
            this.pump();
          });
        },
      };
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AppError(ErrorCode.Cancelled, "Cancelled while waiting for a model slot", { cause: signal?.reason }));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Generations running and waiting, for status displays. */
  get stats(): { running: number; waiting: number; cpuUsed: number } {
    return { running: this.running, waiting: this.queue.length, cpuUsed: this.cpuUsed };
  }

  private fits(w: Waiter): boolean {
    if (this.running >= this.options.maxParallel || this.busyModels.has(w.modelId)) return false;
    if (w.cpuThreads === 0) return true;
    return this.cpuUsed === 0 || this.cpuUsed + w.cpuThreads <= this.options.cpuSlots;
  }

  private pump(): void {
    // First fit in arrival order: a remote request need not wait behind an embedded one for cores.
    for (let i = 0; i < this.queue.length; ) {
      const w = this.queue[i]!;
      if (!this.fits(w)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running++;
      this.cpuUsed += w.cpuThreads;
      this.busyModels.add(w.modelId);
      w.grant();
    }
  }
}
