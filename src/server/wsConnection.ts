import type WebSocket from "ws";
import type { Connection } from "../shared/rpc/Connection.js";
import type { ClientFrame, ServerFrame } from "../shared/rpc/frames.js";

/** Adapt a `ws` socket to the RPC Connection interface (JSON text frames). */
export function wsConnection(ws: WebSocket): Connection<ClientFrame, ServerFrame> {
  const frameListeners = new Set<(f: ClientFrame) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;
  ws.on("message", (data, isBinary) => {
    if (isBinary) return;
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return; // the RPC server answers malformed frames; unparsable text is dropped
    }
    for (const l of [...frameListeners]) l(frame as ClientFrame);
  });
  const onClose = (): void => {
    if (closed) return;
    closed = true;
    for (const l of [...closeListeners]) l();
    frameListeners.clear();
    closeListeners.clear();
  };
  ws.on("close", onClose);
  ws.on("error", onClose);
  return {
    get closed() {
      return closed;
    },
    send: (f) => {
      if (!closed && ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
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
      ws.close();
      onClose();
    },
  };
}
