import type { Readable } from "node:stream";
import { utilityProcess } from "electron";
import type { WorkerSpawner } from "../../engine/inference/embedded/WorkerProcess.js";

/**
 * Model workers as Electron utility processes: a Node environment without ELECTRON_RUN_AS_NODE, so the packaged
 * app ships with the RunAsNode fuse off (build/electron-builder.yml). The worker reads process.parentPort.
 */
export const utilityWorkerSpawner: WorkerSpawner = (entry, env) => {
  const child = utilityProcess.fork(entry, [], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], serviceName: "CodeConductor model worker" });
  let exited = false;
  child.on("exit", () => (exited = true));
  return {
    get pid() {
      return child.pid;
    },
    // Typed as NodeJS.ReadableStream; at runtime it is a stream.Readable (with `closed`).
    stderr: child.stderr as unknown as Readable | null,
    get connected() {
      return !exited;
    },
    send: (m, onError) => {
      try {
        child.postMessage(m);
      } catch (e) {
        onError(e as Error);
      }
    },
    onMessage: (fn) => void child.on("message", fn),
    onExit: (fn) => void child.on("exit", (code) => fn(code, null)),
    // A utility process has no IPC channel to close: ask it to end (SIGTERM); dispose() escalates.
    disconnect: () => void child.kill(),
    kill: () => void child.kill(),
  };
};
