import type WebSocket from "ws";
import type { Connection } from "../shared/rpc/Connection.js";
import { createConnection } from "../shared/rpc/createConnection.js";
import type { ClientFrame, ServerFrame } from "../shared/rpc/frames.js";

/** Adapt a `ws` socket to the RPC Connection interface (JSON text frames). */
export function wsConnection(ws: WebSocket): Connection<ClientFrame, ServerFrame> {
  const { conn, deliver, closed } = createConnection<ClientFrame, ServerFrame>({
    send: (f) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
    },
    close: () => ws.close(),
  });
  ws.on("message", (data, isBinary) => {
    if (isBinary) return;
    try {
      deliver(JSON.parse(data.toString()) as ClientFrame);
    } catch {
      // unparsable text is dropped; the RPC server answers malformed frames
    }
  });
  ws.on("close", closed);
  ws.on("error", closed);
  return conn;
}
