import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import type { ClipboardContent, ClipboardPort, ClipboardWatcher } from "../../engine/ports.js";
import { clipboardHelperPath } from "../../engine/system/clipboardHelperPath.js";

/** Largest clipboard text we accept (bytes); bigger content is ignored, not loaded. */
export const CLIPBOARD_MAX_BYTES = 4 * 1024 * 1024;

function commands(): { read: [string, string[]]; write: [string, string[]] } | null {
  if (process.platform === "darwin") return { read: ["pbpaste", []], write: ["pbcopy", []] };
  if (process.platform === "win32")
    return { read: ["powershell", ["-NoProfile", "-Command", "Get-Clipboard -Raw"]], write: ["clip", []] };
  if (process.env.WAYLAND_DISPLAY) return { read: ["wl-paste", ["--no-newline"]], write: ["wl-copy", []] };
  return { read: ["xclip", ["-selection", "clipboard", "-o"]], write: ["xclip", ["-selection", "clipboard", "-i"]] };
}

/**
 * System clipboard for Node shells. Change events come from clipboard-event's native helper; when it is
 * missing or dies, a 500 ms poll takes over (Electron has no clipboard-change event either).
 */
export class NodeClipboard implements ClipboardPort {
  async read({ maxBytes }: { maxBytes: number }): Promise<ClipboardContent> {
    const text = await this.readText();
    if (!text) return { kind: "empty" };
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) return { kind: "refused", reason: "too-large", bytes, message: `too large: ${bytes} bytes (limit ${maxBytes})` };
    return { kind: "text", text, bytes };
  }

  private async readText(): Promise<string> {
    const c = commands();
    if (!c) return "";
    return new Promise((resolve) => {
      execFile(c.read[0], c.read[1], { maxBuffer: CLIPBOARD_MAX_BYTES, encoding: "buffer", timeout: 3000 }, (err, stdout) => {
        if (err) return resolve("");
        // Binary content (images, NULs) is not text for us.
        resolve(stdout.includes(0) ? "" : stdout.toString("utf8"));
      });
    });
  }

  async writeText(text: string): Promise<void> {
    const c = commands();
    if (!c) throw new Error("No clipboard command for this platform");
    await new Promise<void>((resolve, reject) => {
      const child = spawn(c.write[0], c.write[1], { stdio: ["pipe", "ignore", "ignore"] });
      child.on("error", reject);
      // xclip keeps running to serve the selection; it has taken the text once stdin closes.
      child.stdin.end(text, () => resolve());
      child.unref();
    });
    // xclip claims the selection asynchronously after reading stdin: wait until the clipboard really holds
    // the text, so "copied" is true when we say it (up to 2 s).
    for (let i = 0; i < 40; i++) {
      if ((await this.readText()) === text) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("The clipboard did not take the text (is a clipboard tool such as xclip installed?)");
  }

  /** How the last `watch` learns of changes: the native helper, or polling when the helper is unavailable. */
  watchMode: "helper" | "poll" | null = null;

  watch(onContent: (c: ClipboardContent) => void, { maxBytes }: { maxBytes: number }): ClipboardWatcher {
    const onChange = (t: string): void => {
      const bytes = Buffer.byteLength(t);
      onContent(!t ? { kind: "empty" } : bytes > maxBytes ? { kind: "refused", reason: "too-large", bytes, message: `too large: ${bytes} bytes` } : { kind: "text", text: t, bytes });
    };
    let last: string | undefined;
    let stopped = false;
    const check = async (): Promise<void> => {
      const t = await this.readText();
      if (!stopped && t !== last) {
        const first = last === undefined;
        last = t;
        if (!first) onChange(t);
      }
    };
    void check();
    const helper = startHelper(() => void check());
    this.watchMode = helper ? "helper" : "poll";
    const timer = helper ? undefined : setInterval(() => void check(), 500);
    const mode = helper ? ("events" as const) : ("polling" as const);
    return {
      status: () => ({ mode }),
      stop: () => {
        stopped = true;
        helper?.stop();
        if (timer) clearInterval(timer);
      },
    };
  }
}

/** clipboard-event's Linux helper prints a line per change; npm installs it without the execute bit. */
function startHelper(onTick: () => void): { stop(): void } | null {
  if (process.platform !== "linux" || !process.env.DISPLAY) return null;
  const helper = clipboardHelperPath();
  if (!helper || !fs.existsSync(helper)) return null;
  try {
    try {
      fs.accessSync(helper, fs.constants.X_OK);
    } catch {
      fs.chmodSync(helper, 0o755);
    }
    const child = spawn(helper, [], { stdio: ["ignore", "pipe", "ignore"] });
    let alive = true;
    child.on("error", () => (alive = false));
    child.on("exit", () => (alive = false));
    child.stdout.on("data", () => onTick());
    return {
      stop: () => {
        if (alive) child.kill();
      },
    };
  } catch {
    return null;
  }
}
