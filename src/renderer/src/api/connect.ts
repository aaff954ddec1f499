import type { Bridge } from "../../../shared/bridge.js";
import type { Connection } from "../../../shared/rpc/Connection.js";
import { createConnection } from "../../../shared/rpc/createConnection.js";
import type { ClientFrame, ServerFrame } from "../../../shared/rpc/frames.js";

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

/** Electron: the preload's one-channel bridge. */
function bridgeConnection(bridge: Bridge): Connection<ServerFrame, ClientFrame> {
  const { conn, deliver } = createConnection<ServerFrame, ClientFrame>({ send: (f) => bridge.send(f), close: () => {} });
  bridge.onFrame((f) => deliver(f as ServerFrame));
  return conn;
}

/** Web mode: a WebSocket to the page's own origin; the session cookie authenticates it. */
function webSocketConnection(url: string): Promise<Connection<ServerFrame, ClientFrame>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const { conn, deliver, closed } = createConnection<ServerFrame, ClientFrame>({
      send: (f) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f));
      },
      close: () => ws.close(),
    });
    ws.onopen = () => resolve(conn);
    ws.onerror = () => reject(new Error("WebSocket failed"));
    ws.onmessage = (ev) => {
      try {
        deliver(JSON.parse(String(ev.data)) as ServerFrame);
      } catch {
        // ignore malformed frames
      }
    };
    ws.onclose = closed;
  });
}

/** Connect to the engine through whichever transport this page runs on. */
export function connect(): Promise<Connection<ServerFrame, ClientFrame>> {
  if (window.bridge) return Promise.resolve(bridgeConnection(window.bridge));
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return webSocketConnection(`${proto}//${location.host}/rpc`);
}
