import { ipcMain, type IpcMainEvent, type WebContents } from "electron";
import { BRIDGE_CHANNEL } from "../shared/bridge.js";
import type { Connection } from "../shared/rpc/Connection.js";
import { createConnection } from "../shared/rpc/createConnection.js";
import type { ClientFrame, ServerFrame } from "../shared/rpc/frames.js";

/**
 * The IPC transport for one window: frames on the fixed bridge channel, accepted only from that window's
 * main frame when it shows our own page (`isTrustedUrl`).
 */
export function ipcConnection(contents: WebContents, isTrustedUrl: (url: string) => boolean): Connection<ClientFrame, ServerFrame> {
  const onMessage = (event: IpcMainEvent, frame: unknown): void => {
    if (event.sender !== contents || event.senderFrame !== contents.mainFrame) return;
    if (!isTrustedUrl(event.senderFrame.url)) return;
    deliver(frame as ClientFrame);
  };
  const stop = (): void => {
    ipcMain.removeListener(BRIDGE_CHANNEL, onMessage);
  };
  const { conn, deliver, closed } = createConnection<ClientFrame, ServerFrame>({
    send: (f) => {
      if (!contents.isDestroyed()) contents.send(BRIDGE_CHANNEL, f);
    },
    close: stop,
  });
  ipcMain.on(BRIDGE_CHANNEL, onMessage);
  const end = (): void => {
    stop();
    closed();
  };
  // A reload or a crash ends this connection; the renderer reconnects and re-attaches to its runs.
  contents.once("destroyed", end);
  contents.on("did-start-navigation", (_e, _url, isInPlace, isMainFrame) => {
    if (isMainFrame && !isInPlace) end();
  });
  return conn;
}
