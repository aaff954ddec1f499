import { ipcMain, type IpcMainEvent, type WebContents } from "electron";
import { BRIDGE_CHANNEL } from "../shared/bridge.js";
import type { Connection } from "../shared/rpc/Connection.js";
import type { ClientFrame, ServerFrame } from "../shared/rpc/frames.js";

/**
 * The IPC transport for one window: frames on the fixed bridge channel, accepted only from that window's
 * main frame when it shows our own page (`isTrustedUrl`).
 */
export function ipcConnection(contents: WebContents, isTrustedUrl: (url: string) => boolean): Connection<ClientFrame, ServerFrame> {
  const frameListeners = new Set<(f: ClientFrame) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;
  const onMessage = (event: IpcMainEvent, frame: unknown): void => {
    if (event.sender !== contents || event.senderFrame !== contents.mainFrame) return;
    if (!isTrustedUrl(event.senderFrame.url)) return;
    for (const l of [...frameListeners]) l(frame as ClientFrame);
  };
  ipcMain.on(BRIDGE_CHANNEL, onMessage);
  const close = (): void => {
    if (closed) return;
    closed = true;
    ipcMain.removeListener(BRIDGE_CHANNEL, onMessage);
    for (const l of [...closeListeners]) l();
    frameListeners.clear();
    closeListeners.clear();
  };
  // A reload or a crash ends this connection; the renderer reconnects and re-attaches to its runs.
  contents.once("destroyed", close);
  contents.on("did-start-navigation", (_e, _url, isInPlace, isMainFrame) => {
    if (isMainFrame && !isInPlace) close();
  });
  return {
    get closed() {
      return closed;
    },
    send: (f) => {
      if (!closed && !contents.isDestroyed()) contents.send(BRIDGE_CHANNEL, f);
    },
    onFrame: (l) => {
      frameListeners.add(l);
      return () => frameListeners.delete(l);
    },
    onClose: (l) => {
      closeListeners.add(l);
      return () => closeListeners.delete(l);
    },
    close,
  };
}
