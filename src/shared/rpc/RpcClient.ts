import { AppError, ErrorCode, type WireError } from "../contract/errors.js";
import type { MethodInput, MethodName, MethodOutput } from "../contract/methods.js";
import type { TopicName, TopicPayload } from "../contract/topics.js";
import type { Connection } from "./Connection.js";
import type { ClientFrame, ServerFrame } from "./frames.js";

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

/** Typed client for the contract over any Connection. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly subs = new Map<number, (payload: unknown) => void>();

  constructor(private readonly conn: Connection<ServerFrame, ClientFrame>) {
    conn.onFrame((f) => this.onFrame(f));
    conn.onClose(() => {
      for (const p of this.pending.values()) {
        p.cleanup();
        p.reject(new AppError(ErrorCode.Unavailable, "Connection closed"));
      }
      this.pending.clear();
      this.subs.clear();
    });
  }

  get closed(): boolean {
    return this.conn.closed;
  }

  /** Call a method. Aborting `signal` sends `cancel` and rejects with `cancelled`. */
  call<M extends MethodName>(method: M, input: MethodInput<M>, options: { signal?: AbortSignal } = {}): Promise<MethodOutput<M>> {
    if (this.conn.closed) return Promise.reject(new AppError(ErrorCode.Unavailable, "Connection closed"));
    const id = this.nextId++;
    const { signal } = options;
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AppError(ErrorCode.Cancelled, "Cancelled"));
        return;
      }
      const onAbort = (): void => {
        this.conn.send({ t: "cancel", id });
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(new AppError(ErrorCode.Cancelled, "Cancelled"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      });
      this.conn.send({ t: "call", id, method, input });
    });
  }

  /**
   * Subscribe to a topic (optionally one keyed stream of it). Resolves once the server acknowledged,
   * so no event published after that is missed. Returns the unsubscribe function.
   */
  async subscribe<T extends TopicName>(
    topic: T,
    listener: (payload: TopicPayload<T>) => void,
    key?: string,
  ): Promise<() => void> {
    const id = this.nextId++;
    this.subs.set(id, listener as (p: unknown) => void);
    const ack = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject, cleanup: () => {} }));
    this.conn.send(key === undefined ? { t: "sub", id, topic } : { t: "sub", id, topic, key });
    try {
      await ack;
    } catch (e) {
      this.subs.delete(id);
      throw e;
    }
    return () => {
      if (!this.subs.delete(id)) return;
      if (!this.conn.closed) this.conn.send({ t: "unsub", id });
    };
  }

  close(): void {
    this.conn.close();
  }

  private onFrame(f: ServerFrame): void {
    if (f.t === "event") {
      this.subs.get(f.id)?.(f.payload);
      return;
    }
    const p = this.pending.get(f.id);
    if (!p) return;
    this.pending.delete(f.id);
    p.cleanup();
    if (f.t === "ok") p.resolve(f.output);
    else p.reject(AppError.fromWire(f.error as WireError));
  }
}
