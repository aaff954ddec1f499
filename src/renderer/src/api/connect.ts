import type { Bridge } from "../../../shared/bridge.js";
import type { Connection } from "../../../shared/rpc/Connection.js";
import type { ClientFrame, ServerFrame } from "../../../shared/rpc/frames.js";

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

class ListenerSet<T> {
  private set = new Set<(v: T) => void>();
  add(l: (v: T) => void): () => void {
    this.set.add(l);
    return () => this.set.delete(l);
  }
  emit(v: T): void {
    for (const l of [...this.set]) l(v);
  }
  clear(): void {
    this.set.clear();
  }
}

/** Electron: the preload's one-channel bridge. */
function bridgeConnection(bridge: Bridge): Connection<ServerFrame, ClientFrame> {
  const frames = new ListenerSet<ServerFrame>();
  const closes = new ListenerSet<void>();
  const conn = {
    closed: false,
    send: (f: ClientFrame) => bridge.send(f),
    onFrame: (l: (f: ServerFrame) => void) => frames.add(l),
    onClose: (l: () => void) => closes.add(l),
    close: () => {
      conn.closed = true;
      closes.emit();
    },
  };
  bridge.onFrame((f) => frames.emit(f as ServerFrame));
  return conn;
}

/** Web mode: a WebSocket to the page's own origin; the session cookie authenticates it. */
function webSocketConnection(url: string): Promise<Connection<ServerFrame, ClientFrame>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const frames = new ListenerSet<ServerFrame>();
    const closes = new ListenerSet<void>();
    const conn = {
      closed: false,
      send: (f: ClientFrame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f));
      },
      onFrame: (l: (f: ServerFrame) => void) => frames.add(l),
      onClose: (l: () => void) => closes.add(l),
      close: () => ws.close(),
    };
    ws.onopen = () => resolve(conn);
    ws.onerror = () => reject(new Error("WebSocket failed"));
    ws.onmessage = (ev) => {
      try {
        frames.emit(JSON.parse(String(ev.data)) as ServerFrame);
      } catch {
        // ignore malformed frames
      }
    };
    ws.onclose = () => {
      conn.closed = true;
      closes.emit();
      frames.clear();
    };
  });
}

/** Connect to the engine through whichever transport this page runs on. */
export function connect(): Promise<Connection<ServerFrame, ClientFrame>> {
  if (window.bridge) return Promise.resolve(bridgeConnection(window.bridge));
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return webSocketConnection(`${proto}//${location.host}/rpc`);
}
