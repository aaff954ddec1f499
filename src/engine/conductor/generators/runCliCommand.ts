import { spawn } from "node:child_process";
import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import { OutputCapture } from "../../verify/sandbox/OutputCapture.js";
import { killProcessTree } from "./killProcessTree.js";

export interface RunCliOptions {
  /** Shell command line (`/bin/sh -c`). */
  command: string;
  cwd: string;
  /** Written to the command's stdin, then stdin is closed. */
  stdin: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bytes kept of stdout (head and tail); stderr keeps a quarter of it. */
  capBytes: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

export interface CliRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: { text: string; truncated: boolean; totalBytes: number };
  stderr: { text: string; truncated: boolean; totalBytes: number };
}

/**
 * Run an AI CLI non-interactively: its own process group, the prompt on stdin, stdout and stderr captured apart
 * (head + tail), and on timeout or abort the whole tree killed. When the command itself exits, whatever it left
 * running in the background is killed too (it would otherwise hold the pipes open). Rejects with `cancelled`
 * on abort and `unavailable` when the shell cannot start; never for what the command does.
 */
export function runCliCommand(o: RunCliOptions): Promise<CliRun> {
  throwIfAborted(o.signal);
  const started = Date.now();
  const out = new OutputCapture(o.capBytes);
  const err = new OutputCapture(Math.max(1024, Math.floor(o.capBytes / 4)));
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", o.command], { cwd: o.cwd, env: o.env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    let timedOut = false;
    const kill = (): void => {
      if (child.pid) killProcessTree(child.pid);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs);
    const onAbort = (): void => kill();
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const stream = (capture: OutputCapture) => (b: Buffer) => {
      capture.push(b);
      o.onOutput?.(b.toString("utf8"));
    };
    child.stdout.on("data", stream(out));
    child.stderr.on("data", stream(err));
    child.stdin.on("error", () => {}); // a command that never reads stdin closes it early (EPIPE): not an error
    child.stdin.end(o.stdin);
    child.on("exit", () => {
      // Only the group now: the pid itself is reaped, and its orphans have a new parent.
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // nothing left in the group
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      reject(new AppError(ErrorCode.Unavailable, `Could not start the command: ${e.message}`, { cause: e }));
    });
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      if (o.signal?.aborted) return reject(new AppError(ErrorCode.Cancelled, "Cancelled", { cause: o.signal.reason }));
      const text = (c: OutputCapture): CliRun["stdout"] => ({ text: c.text(), truncated: c.truncated, totalBytes: c.total });
      resolve({ exitCode: code, signal: sig, timedOut, durationMs: Date.now() - started, stdout: text(out), stderr: text(err) });
    });
  });
}
