import { spawn } from "node:child_process";

/** How long to wait for the opener's verdict; a file manager that stays in the foreground counts as opened. */
const VERDICT_MS = 3000;

/**
 * Hand a folder or a URL to the desktop: xdg-open (Linux), open (macOS), explorer (Windows) show a folder in the
 * file manager and a URL in the browser. The opener's exit code decides (explorer exits 1 even on success, so
 * only a spawn error counts there).
 */
export function openWithDesktop(target: string, env: NodeJS.ProcessEnv = process.env): Promise<{ opened: boolean; reason?: string }> {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, [target], { env, stdio: "ignore", detached: true });
    } catch (e) {
      return resolve({ opened: false, reason: `${cmd}: ${(e as Error).message}` });
    }
    const timer = setTimeout(() => {
      child.unref();
      resolve({ opened: true });
    }, VERDICT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ opened: false, reason: (e as NodeJS.ErrnoException).code === "ENOENT" ? `${cmd} is not installed (Debian/Ubuntu: apt install xdg-utils)` : `${cmd}: ${e.message}` });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0 || process.platform === "win32") resolve({ opened: true });
      else resolve({ opened: false, reason: `${cmd} exited with ${code ?? "a signal"}: nothing in this session opens it?` });
    });
  });
}
