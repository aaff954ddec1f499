import { fork } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InferenceHost } from "../../../src/engine/inference/embedded/InferenceHost.js";
import type { WorkerSpawner } from "../../../src/engine/inference/embedded/WorkerProcess.js";

// The worker-launch seam the Electron shell uses (ports.workers → utilityProcess): an injected spawner starts
// the worker, and the worker speaks over process.parentPort (utilityProcess's API) instead of process.send.

const fakeParentPort = path.resolve("tests/support/workers/fakeParentPort.mjs");

describe("model worker spawner seam", () => {
  it("starts the worker through an injected spawner whose process speaks the utilityProcess message API", async () => {
    const spawned: string[] = [];
    const spawn: WorkerSpawner = (entry, env) => {
      spawned.push(entry);
      // No ELECTRON_RUN_AS_NODE anywhere: the RunAsNode fuse can stay off.
      expect(env).not.toHaveProperty("ELECTRON_RUN_AS_NODE");
      const child = fork(entry, [], { execArgv: ["--import", fakeParentPort], env: { ...process.env, ...env, CC_FAKE_PARENT_PORT: "1" }, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "json" });
      return {
        get pid() {
          return child.pid;
        },
        stderr: child.stderr,
        get connected() {
          return child.connected;
        },
        send: (m, onError) => void child.send({ viaParentPort: m } as never, (err) => err && onError(err)),
        onMessage: (fn) => void child.on("message", (raw: { viaParentPort?: unknown }) => raw.viaParentPort && fn(raw.viaParentPort)),
        onExit: (fn) => void child.on("exit", (c, s) => fn(c, s)),
        disconnect: () => child.disconnect(),
        kill: () => void child.kill("SIGKILL"),
      };
    };
    const host = await InferenceHost.start({ gpu: false, spawn });
    try {
      expect(spawned).toHaveLength(1);
      expect(host.alive).toBe(true);
      expect(host.ready.cpuMathCores).toBeGreaterThan(0);
    } finally {
      await host.dispose();
    }
    expect(host.alive).toBe(false);
  });
});
