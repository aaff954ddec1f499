import { methods } from "../contract/methods.js";
import { isTopicName } from "../contract/topics.js";
import { AppError, ErrorCode, toAppError } from "../contract/errors.js";
import type { Connection } from "./Connection.js";
import { ClientFrame, type ServerFrame } from "./frames.js";
import type { Handlers, TopicSource } from "./types.js";

let nextConnectionId = 1;

export interface RpcServerOptions {
  handlers: Partial<Handlers>;
  topics: TopicSource;
  /** Called after a connection closed and its calls were aborted. */
  onConnectionClosed?: (connectionId: string) => void;
  /** Log hook for protocol problems (bad frames). */
  onProtocolError?: (message: string) => void;
}

/**
 * Serves the contract over any number of connections: validates inputs and outputs with the contract's zod
 * schemas, routes `cancel` to the call's AbortSignal, and tears down a connection's calls and subscriptions
 * when it closes.
 */
export class RpcServer {
  private readonly connections = new Set<Connection<ClientFrame, ServerFrame>>();
  private disposed = false;

  constructor(private readonly options: RpcServerOptions) {}

  /** Serve one connection until it closes. Returns its id. */
  accept(conn: Connection<ClientFrame, ServerFrame>): string {
    if (this.disposed) {
      conn.close();
      throw new AppError(ErrorCode.Unavailable, "Server is shutting down");
    }
    const connectionId = `c${nextConnectionId++}`;
    const calls = new Map<number, AbortController>();
    const subs = new Map<number, () => void>();
    this.connections.add(conn);

    const reply = (frame: ServerFrame): void => {
      if (!conn.closed) conn.send(frame);
    };

    const offFrame = conn.onFrame((raw) => {
      const parsed = ClientFrame.safeParse(raw);
      if (!parsed.success) {
        this.options.onProtocolError?.(`bad frame from ${connectionId}`);
        const id = typeof (raw as { id?: unknown })?.id === "number" ? (raw as { id: number }).id : -1;
        reply({ t: "err", id, error: { code: ErrorCode.InvalidInput, message: "Malformed frame" } });
        return;
      }
      const frame = parsed.data;
      switch (frame.t) {
        case "call":
          void this.handleCall(frame, connectionId, calls, reply);
          break;
        case "cancel":
          calls.get(frame.id)?.abort(new AppError(ErrorCode.Cancelled, "Cancelled by caller"));
          break;
        case "sub": {
          if (!isTopicName(frame.topic)) {
            reply({ t: "err", id: frame.id, error: { code: ErrorCode.NotFound, message: `Unknown topic "${frame.topic}"` } });
            return;
          }
          subs.get(frame.id)?.();
          const off = this.options.topics.subscribe(frame.topic, frame.key, (payload) =>
            reply({ t: "event", id: frame.id, topic: frame.topic, payload }),
          );
          subs.set(frame.id, off);
          reply({ t: "ok", id: frame.id, output: null });
          break;
        }
        case "unsub":
          subs.get(frame.id)?.();
          subs.delete(frame.id);
          break;
      }
    });

    conn.onClose(() => {
      offFrame();
      for (const c of calls.values()) c.abort(new AppError(ErrorCode.Cancelled, "Connection closed"));
      calls.clear();
      for (const off of subs.values()) off();
      subs.clear();
      this.connections.delete(conn);
      this.options.onConnectionClosed?.(connectionId);
    });
    return connectionId;
  }

  private async handleCall(
    frame: Extract<ClientFrame, { t: "call" }>,
    connectionId: string,
    calls: Map<number, AbortController>,
    reply: (f: ServerFrame) => void,
  ): Promise<void> {
    const def = Object.prototype.hasOwnProperty.call(methods, frame.method)
      ? methods[frame.method as keyof typeof methods]
      : undefined;
    const handler = def ? (this.options.handlers as Record<string, unknown>)[frame.method] : undefined;
    if (!def || typeof handler !== "function") {
      reply({ t: "err", id: frame.id, error: { code: ErrorCode.NotFound, message: `Unknown method "${frame.method}"` } });
      return;
    }
    const input = def.input.safeParse(frame.input ?? {});
    if (!input.success) {
      reply({
        t: "err",
        id: frame.id,
        error: {
          code: ErrorCode.InvalidInput,
          message: `Invalid input for ${frame.method}: ${input.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
          details: input.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      });
      return;
    }
    const controller = new AbortController();
    calls.set(frame.id, controller);
    try {
      const out = await (handler as (i: unknown, c: unknown) => Promise<unknown>)(input.data, {
        signal: controller.signal,
        connectionId,
      });
      const checked = def.output.safeParse(out);
      if (!checked.success) {
        throw new AppError(ErrorCode.Internal, `Handler for ${frame.method} returned output that breaks the contract`, {
          details: checked.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        });
      }
      reply({ t: "ok", id: frame.id, output: checked.data ?? null });
    } catch (err) {
      const e = controller.signal.aborted ? toAppError(controller.signal.reason ?? err) : toAppError(err);
      reply({ t: "err", id: frame.id, error: e.toWire() });
    } finally {
      calls.delete(frame.id);
    }
  }

  /** Close every connection (aborting their calls). Idempotent. */
  dispose(): void {
    this.disposed = true;
    for (const c of [...this.connections]) c.close();
  }
}
