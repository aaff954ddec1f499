import { spawn } from "node:child_process";
import { findExecutable } from "../../engine/util/findExecutable.js";
import { runnableClipboardHelper } from "./clipboardHelperPath.js";
import type { ClipboardSession } from "./clipboardSession.js";

export interface ClipboardEvents {
  /** What delivers the events (for status and doctor). */
  source: string;
  /** Stop the helper process. Idempotent. */
  stop(): void;
}

/**
 * Start a process that prints a line per clipboard change: clipboard-event's native helper (X11 via XFixes,
 * macOS, Windows) or, on Wayland, `wl-paste --watch` (needs the compositor's data-control protocol).
 * `onFail` fires once if the process cannot start or dies while we still want it.
 */
export function startClipboardEvents(session: ClipboardSession, env: NodeJS.ProcessEnv, handlers: { onChange(): void; onFail(reason: string): void }): ClipboardEvents | { problem: string } {
  let cmd: string;
  let args: string[] = [];
  if (session.kind === "none") return { problem: session.reason };
  if (session.kind === "wayland") {
    const wlPaste = findExecutable("wl-paste", env.PATH);
    if (!wlPaste) return { problem: "Wayland session without wl-clipboard (wl-paste), which watches through the data-control protocol" };
    [cmd, args] = [wlPaste, ["--watch", "echo", "CLIPBOARD_CHANGE"]];
  } else {
    const helper = runnableClipboardHelper();
    if ("problem" in helper) return helper;
    cmd = helper.path;
  }
  const [exe, exeArgs] = diesWithUs(cmd, args, env);
  const child = spawn(exe, exeArgs, { env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
  let stopped = false;
  let failed = false;
  let stderr = "";
  const fail = (reason: string): void => {
    if (stopped || failed) return;
    failed = true;
    handlers.onFail(reason);
  };
  child.on("error", (e) => fail(`clipboard helper could not start: ${e.message}`));
  child.on("exit", (code, signal) => fail(`clipboard helper exited (${signal ?? `code ${code}`})${stderr.trim() ? `: ${stderr.trim().slice(-200)}` : ""}`));
  child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-1000)));
  let pending = "";
  child.stdout.on("data", (c: Buffer) => {
    pending += c.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (lines.some((l) => l.trim() === "CLIPBOARD_CHANGE")) handlers.onChange();
  });
  return {
    source: `${cmd}${args.length ? ` ${args.join(" ")}` : ""} (pid ${child.pid ?? "?"})`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      child.kill();
    },
  };
}

/**
 * On Linux, start the helper under `setpriv --pdeathsig TERM` (util-linux): the kernel ends it when our process
 * dies, even by SIGKILL. Without it a helper outlived a killed app until the next copy broke its pipe.
 * setpriv execs the helper, so the pid is the helper's own. Elsewhere (or without setpriv) it runs as is.
 */
function diesWithUs(cmd: string, args: string[], env: NodeJS.ProcessEnv): [string, string[]] {
  if (process.platform !== "linux") return [cmd, args];
  const setpriv = findExecutable("setpriv", env.PATH);
  return setpriv ? [setpriv, ["--pdeathsig", "TERM", "--", cmd, ...args]] : [cmd, args];
}
