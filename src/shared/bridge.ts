/** The one narrow bridge the Electron preload exposes as `window.bridge` (fixed channel, JSON frames). */
export interface Bridge {
  send(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): () => void;
}

/** The single IPC channel the bridge uses. */
export const BRIDGE_CHANNEL = "codeconductor:rpc";
