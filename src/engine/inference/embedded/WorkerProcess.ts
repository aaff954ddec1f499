import { fork } from "node:child_process";
import type { Readable } from "node:stream";

/** The engine's view of one model-worker process, whichever API started it (child_process or Electron's utilityProcess). */
export interface WorkerProcess {
  readonly pid: number | undefined;
  /** The worker's stderr (llama.cpp writes its abort messages there), or null. */
  readonly stderr: Readable | null;
  /** Whether messages can still be sent. */
  readonly connected: boolean;
  send(message: unknown, onError: (err: Error) => void): void;
  onMessage(fn: (message: unknown) => void): void;
  onExit(fn: (code: number | null, signal: string | null) => void): void;
  /** Ask the worker to end (it exits by itself). */
  disconnect(): void;
  kill(): void;
}

/**
 * Starts a worker script with `env` added to the environment. The engine uses `forkWorker` under plain Node;
 * the Electron shell injects one built on `utilityProcess` (ports.workers), so the packaged app can turn the
 * RunAsNode fuse off. The engine never imports electron.
 */
export type WorkerSpawner = (entry: string, env: Record<string, string>) => WorkerProcess;

/** A worker as a Node child process (child_process.fork with an IPC channel). */
export const forkWorker: WorkerSpawner = (entry, env) => {
  const child = fork(entry, [], { execArgv: [], env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "json" });
  child.on("error", () => {});
  return {
    get pid() {
      return child.pid;
    },
    stderr: child.stderr,
    get connected() {
      return child.connected;
    },
    send: (m, onError) => void child.send(m as never, (err) => err && onError(err)),
    onMessage: (fn) => void child.on("message", fn),
    onExit: (fn) => void child.on("exit", (code, signal) => fn(code, signal)),
    disconnect: () => child.disconnect(),
    kill: () => void child.kill("SIGKILL"),
  };
};
