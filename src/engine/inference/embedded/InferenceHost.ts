import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { FromWorker, GpuChoice, ToWorker, WorkerDone, WorkerEstimate, WorkerLoaded, WorkerReady, WorkerEmbeddings } from "./protocol.js";
import { resolveLlamaBinary } from "./binary/resolveLlamaBinary.js";
import { resolveWorkerEntry } from "./resolveWorkerEntry.js";
import { forkWorker, type WorkerProcess, type WorkerSpawner } from "./WorkerProcess.js";

type Pending = { resolve: (v: unknown) => void; reject: (e: AppError) => void; onToken?: (t: string) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The engine's handle on one inference worker process (one per loaded model). A crash of the worker
 * (llama.cpp aborts on some malformed files) rejects whatever was pending with `unavailable` and leaves
 * the engine running; `dispose()` kills it (SIGKILL after a grace period).
 */
export class InferenceHost {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  private exited: { code: number | null; signal: string | null } | null = null;
  private exitListeners: Array<(why: string, expected: boolean) => void> = [];
  private disposing = false;
  ready!: WorkerReady;

  private constructor(private readonly child: WorkerProcess) {
    child.stderr?.on("data", (b: Buffer) => (this.stderrTail = (this.stderrTail + b.toString("utf8")).slice(-2000)));
    child.onMessage((m) => this.onMessage(m as FromWorker));
    // Report after stderr is drained (it holds llama.cpp's message), but not via "close": that event
    // never comes after a parent-side disconnect() with an IPC channel.
    child.onExit((code, signal) => {
      const stderr = child.stderr;
      if (!stderr || stderr.closed) return this.onExit(code, signal);
      const timer = setTimeout(() => this.onExit(code, signal), 200);
      stderr.once("close", () => (clearTimeout(timer), this.onExit(code, signal)));
    });
  }

  /**
   * Spawn a worker and initialise node-llama-cpp in it (GPU detection). `spawn` defaults to a Node child
   * process; the Electron shell passes a utilityProcess spawner (ports.workers).
   */
  static async start(options: { gpu: GpuChoice; signal?: AbortSignal; spawn?: WorkerSpawner }): Promise<InferenceHost> {
    // Links (or unlinks) the local llama.cpp build node-llama-cpp should load, before it looks.
    resolveLlamaBinary(options.gpu);
    const entry = await resolveWorkerEntry();
    // One libuv thread: every decode runs on the same OS thread (see inferenceWorker.ts).
    const child = (options.spawn ?? forkWorker)(entry, { UV_THREADPOOL_SIZE: "1" });
    const host = new InferenceHost(child);
    const onAbort = (): void => void host.dispose();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      host.ready = (await host.request({ type: "init", gpu: options.gpu })) as WorkerReady;
      return host;
    } catch (err) {
      await host.dispose();
      throw err;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  get alive(): boolean {
    return this.exited === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Called once when the process exits, with a human reason; `expected` after `dispose()`. */
  onExitOnce(fn: (why: string, expected: boolean) => void): void {
    this.exitListeners.push(fn);
  }

  estimate(path: string, contextSize: number): Promise<WorkerEstimate> {
    return this.request({ type: "estimate", path, contextSize }) as Promise<WorkerEstimate>;
  }

  load(path: string, contextSize: number, threads: number, batchSize: number): Promise<WorkerLoaded> {
    return this.request({ type: "load", path, contextSize, threads, batchSize }) as Promise<WorkerLoaded>;
  }

  /** One embedding per text (the loaded model's embedding context). */
  embed(texts: string[], signal: AbortSignal): Promise<WorkerEmbeddings> {
    return this.request({ type: "embed", texts }, undefined, signal) as Promise<WorkerEmbeddings>;
  }

  /** Generate; tokens go to `onToken`. Aborting `signal` stops generation in the worker. */
  generate(req: Omit<Extract<ToWorker, { type: "generate" }>, "id" | "type">, onToken: (t: string) => void, signal: AbortSignal): Promise<WorkerDone> {
    return this.request({ type: "generate", ...req }, onToken, signal) as Promise<WorkerDone>;
  }

  private request(msg: DistributiveOmit<ToWorker, "id">, onToken?: (t: string) => void, signal?: AbortSignal): Promise<unknown> {
    if (this.exited) return Promise.reject(this.crashError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => void this.send({ type: "cancel", id });
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = (): void => {
        signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
      };
      this.pending.set(id, {
        onToken,
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      this.send({ ...msg, id } as ToWorker);
    });
  }

  private send(msg: ToWorker): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(msg, (err) => this.pending.get(msg.id)?.reject(new AppError(ErrorCode.Unavailable, `Inference worker unreachable: ${err.message}`)));
  }

  private onMessage(m: FromWorker): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "token") p.onToken?.(m.text);
    else if (m.type === "result") p.resolve(m.value);
    else p.reject(new AppError((Object.values(ErrorCode) as string[]).includes(m.code) ? (m.code as ErrorCode) : ErrorCode.Internal, m.message));
  }

  private crashError(): AppError {
    const e = this.exited!;
    const how = e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
    // llama.cpp's own message (GGML_ASSERT…, "error loading model…") beats the backtrace printed after it.
    const lines = this.stderrTail.trim().split("\n").filter(Boolean);
    const telling = lines.filter((l) => /GGML_ASSERT|error|failed|terminate|exception/i.test(l));
    const tail = (telling.length ? telling : lines).slice(-3).join(" | ");
    return new AppError(ErrorCode.Unavailable, `Inference worker stopped (${how})${tail ? `: ${tail}` : ""}`, { details: { ...e, stderr: this.stderrTail } });
  }

  private onExit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = { code, signal };
    const err = this.crashError();
    for (const p of [...this.pending.values()]) p.reject(err);
    for (const fn of this.exitListeners.splice(0)) fn(err.message, this.disposing);
  }

  /** Stop the process: disconnect (it exits by itself), SIGKILL if it has not within `graceMs` (default 2000). Idempotent. */
  async dispose(graceMs = 2000): Promise<void> {
    if (this.exited) return;
    this.disposing = true;
    const gone = new Promise<void>((r) => this.exitListeners.push(() => r()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill(), graceMs);
    await gone;
    clearTimeout(timer);
  }
}
