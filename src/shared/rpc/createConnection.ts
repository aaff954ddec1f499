import type { Connection } from "./Connection.js";

/**
 * The listener bookkeeping every transport needs. The transport supplies how to send and how to close;
 * it calls `deliver` for each incoming frame and `closed()` once the link is gone (idempotent).
 */
export function createConnection<In, Out>(io: { send(frame: Out): void; close(): void }): {
  conn: Connection<In, Out>;
  deliver(frame: In): void;
  closed(): void;
} {
  const frameListeners = new Set<(f: In) => void>();
  const closeListeners = new Set<() => void>();
  let isClosed = false;
  const closed = (): void => {
    if (isClosed) return;
    isClosed = true;
    for (const l of [...closeListeners]) l();
    frameListeners.clear();
    closeListeners.clear();
  };
  const conn: Connection<In, Out> = {
    get closed() {
      return isClosed;
    },
    send: (f) => {
      if (!isClosed) io.send(f);
    },
    onFrame: (l) => {
      frameListeners.add(l);
      return () => frameListeners.delete(l);
    },
    onClose: (l) => {
      closeListeners.add(l);
      return () => closeListeners.delete(l);
    },
    close: () => {
      io.close();
      closed();
    },
  };
  return {
    conn,
    deliver: (f) => {
      if (isClosed) return;
      for (const l of [...frameListeners]) l(f);
    },
    closed,
  };
}
