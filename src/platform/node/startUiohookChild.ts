import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import type { KeyCombo } from "./parseAccelerator.js";
import { uiohookChildScript } from "./uiohookChildScript.js";

const require = createRequire(import.meta.url);

export interface UiohookChild {
  child: ChildProcess;
  /** Close the child's stdin (it stops its hook and exits), killing it if it does not. Idempotent. */
  stop(): void;
}

/**
 * Start the hotkey child (uiohook-napi in its own process) and wait until its hook runs. Resolves with the
 * child, or with the reason it could not start (no RECORD extension, native abort, missing addon…).
 */
export function startUiohookChild(combos: KeyCombo[], onKey: (k: KeyCombo) => void, onExit: (reason: string) => void, env: NodeJS.ProcessEnv = process.env, timeoutMs = 10_000): Promise<UiohookChild | { error: string }> {
  let addon: string;
  try {
    addon = require.resolve("uiohook-napi");
  } catch {
    return Promise.resolve({ error: "uiohook-napi is not installed (run `npm ci`)" });
  }
  const child = spawn(process.execPath, ["-e", uiohookChildScript], {
    env: { ...env, CC_UIOHOOK_PATH: addon, CC_HOTKEY_COMBOS: JSON.stringify(combos), ELECTRON_RUN_AS_NODE: "1" },
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  let stopped = false;
  let ready = false;
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-1000)));
  child.stdin!.on("error", () => {});
  return new Promise((resolve) => {
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = `the hotkey process did not start within ${timeoutMs} ms`;
      child.kill("SIGKILL");
    }, timeoutMs);
    const onLine = (line: string): void => {
      const msg = parseLine(line);
      if (msg?.t === "error") error = msg.message;
      if (msg?.t === "key" && ready) onKey(msg as KeyCombo);
      if (msg?.t !== "ready" || ready) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        child,
        stop: () => {
          if (stopped) return;
          stopped = true;
          child.stdin!.end();
          // The hook thread can ignore a closed stdin while blocked: make sure it goes.
          setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"), 1000).unref();
        },
      });
    };
    let buf = "";
    child.stdout!.on("data", (c: Buffer) => {
      const lines = (buf + c.toString()).split("\n");
      buf = lines.pop() ?? "";
      lines.forEach(onLine);
    });
    let over = false;
    const ended = (how: string): void => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      const reason = `uiohook could not run (${how})${error ? `: ${error}` : stderr.trim() ? `: ${stderr.trim().split("\n").slice(-2).join(" ").slice(0, 300)}` : ""}`;
      if (!ready) resolve({ error: reason });
      else if (!stopped) onExit(reason);
    };
    child.on("error", (e) => ended(e.message));
    child.on("exit", (code, signal) => ended(signal ?? `exit ${code}`));
  });
}

function parseLine(line: string): ({ t?: string; message?: string } & Partial<KeyCombo>) | undefined {
  try {
    return JSON.parse(line) as { t?: string; message?: string } & Partial<KeyCombo>;
  } catch {
    return undefined;
  }
}
