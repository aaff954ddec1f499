import { spawn } from "node:child_process";

export type CappedOutput =
  | { kind: "complete"; stdout: Buffer }
  /** More than `maxBytes` came; `bytes` is exact when the tool finished within the grace period, else a lower bound. */
  | { kind: "over"; bytes: number; exact: boolean }
  | { kind: "failed"; message: string };

/**
 * Run a clipboard tool and collect its stdout, keeping at most `maxBytes`: past the cap the bytes are only
 * counted for `graceMs` (to name the size) and then the tool is killed, so a 50 MB clipboard neither stalls
 * the caller nor sits in memory.
 */
export function readCommandCapped(cmd: string, args: string[], o: { maxBytes: number; env?: NodeJS.ProcessEnv; timeoutMs?: number; graceMs?: number }): Promise<CappedOutput> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: o.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let over = false;
    let killed = false;
    let stderr = "";
    const kill = (): void => {
      killed = true;
      child.kill("SIGKILL");
    };
    const timeout = setTimeout(kill, o.timeoutMs ?? 3000);
    let grace: NodeJS.Timeout | undefined;
    child.stdout.on("data", (c: Buffer) => {
      bytes += c.length;
      if (over) return;
      if (bytes > o.maxBytes) {
        over = true;
        chunks.length = 0;
        grace = setTimeout(kill, o.graceMs ?? 200);
        return;
      }
      chunks.push(c);
    });
    child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-500)));
    child.on("error", (e) => {
      clearTimeout(timeout);
      clearTimeout(grace);
      resolve({ kind: "failed", message: `${cmd} could not run: ${e.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(grace);
      if (over) return resolve({ kind: "over", bytes, exact: !killed });
      if (killed) return resolve({ kind: "failed", message: `${cmd} did not answer within ${o.timeoutMs ?? 3000} ms` });
      if (code !== 0) return resolve({ kind: "failed", message: `${cmd} exited (${signal ?? `code ${code}`}): ${stderr.trim()}` });
      resolve({ kind: "complete", stdout: Buffer.concat(chunks) });
    });
  });
}
