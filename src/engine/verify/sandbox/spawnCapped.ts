import { spawn } from "node:child_process";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { CgroupJail } from "./CgroupJail.js";
import { OutputCapture } from "./OutputCapture.js";

export interface SpawnCappedOptions {
  cwd: string;
  env: Record<string, string>;
  stdio: Array<"ignore" | "pipe" | number>;
  capBytes: number;
  timeoutMs: number;
  jail: CgroupJail | null;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

export interface CappedResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  output: { text: string; truncated: boolean; totalBytes: number };
}

/**
 * Spawn in a new process group; on timeout or abort SIGKILL the group (and the cgroup, if any); stdout and
 * stderr interleaved into one capped capture. Rejects with `cancelled` on abort, `unavailable` if it cannot start.
 */
export function spawnCapped(file: string, args: string[], o: SpawnCappedOptions): Promise<CappedResult> {
  const started = Date.now();
  const capture = new OutputCapture(o.capBytes);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, stdio: o.stdio, detached: true });
    let timedOut = false;
    let streamed = 0;
    const killTree = (): void => {
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // group already gone
        }
      }
      o.jail?.killAll();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, o.timeoutMs);
    const onAbort = (): void => killTree();
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = (): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
    };
    const onData = (b: Buffer): void => {
      capture.push(b);
      if (o.onOutput && streamed < o.capBytes) {
        streamed += b.length;
        o.onOutput(b.toString("utf8"));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", (e) => {
      finish();
      reject(new AppError(ErrorCode.Unavailable, `Could not start ${file}: ${e.message}`, { cause: e }));
    });
    child.on("close", (code, sig) => {
      finish();
      killTree(); // anything left in our process group (unsandboxed runs)
      if (o.signal?.aborted) return reject(new AppError(ErrorCode.Cancelled, "Cancelled", { cause: o.signal.reason }));
      resolve({ exitCode: code, signal: sig, timedOut, durationMs: Date.now() - started, output: { text: capture.text(), truncated: capture.truncated, totalBytes: capture.total } });
    });
  });
}
