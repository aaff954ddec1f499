import type { Connection } from "./Connection.js";
import type { ClientFrame, ServerFrame } from "./frames.js";

class MemoryEnd<In, Out> implements Connection<In, Out> {
  peer!: MemoryEnd<Out, In>;
  closed = false;
  private frameListeners = new Set<(f: In) => void>();
  private closeListeners = new Set<() => void>();

  send(frame: Out): void {
    if (this.closed) return;
    // Serialize like a real transport would, so tests catch non-JSON payloads; deliver async like a socket.
    const copy = JSON.parse(JSON.stringify(frame)) as Out;
    queueMicrotask(() => this.peer.deliver(copy));
  }
  deliver(frame: In): void {
    if (this.closed) return;
    for (const l of [...this.frameListeners]) l(frame);
  }
  onFrame(listener: (f: In) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of [...this.closeListeners]) l();
    this.frameListeners.clear();
    this.closeListeners.clear();
    this.peer.close();
  }
}

/** An in-memory transport: a connected client end and server end (tests, CLI). */
export function createMemoryPair(): {
  client: Connection<ServerFrame, ClientFrame>;
  server: Connection<ClientFrame, ServerFrame>;
} {
  const client = new MemoryEnd<ServerFrame, ClientFrame>();
  const server = new MemoryEnd<ClientFrame, ServerFrame>();
  client.peer = server;
  server.peer = client;
  return { client, server };
}
