import { contextBridge, ipcRenderer } from "electron";
import { BRIDGE_CHANNEL, type Bridge } from "../shared/bridge.js";

// The one narrow bridge: JSON frames on a fixed channel. No Node, no ipcRenderer leaks to the page.
const bridge: Bridge = {
  send: (frame) => ipcRenderer.send(BRIDGE_CHANNEL, frame),
  onFrame: (listener) => {
    const handler = (_e: Electron.IpcRendererEvent, frame: unknown): void => listener(frame);
    ipcRenderer.on(BRIDGE_CHANNEL, handler);
    return () => ipcRenderer.removeListener(BRIDGE_CHANNEL, handler);
  },
};
contextBridge.exposeInMainWorld("bridge", bridge);
