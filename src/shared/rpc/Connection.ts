/**
 * One end of a duplex frame channel. Transports (Electron IPC, WebSocket, in-memory) implement it;
 * frames are plain JSON-able objects.
 */
export interface Connection<In, Out> {
  send(frame: Out): void;
  onFrame(listener: (frame: In) => void): () => void;
  onClose(listener: () => void): () => void;
  close(): void;
  readonly closed: boolean;
}
