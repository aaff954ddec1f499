import { spawn } from "node:child_process";
import type { ClipboardContent, ClipboardPort, ClipboardWatcher, ClipboardWatchStatus } from "../../engine/ports.js";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { clipboardCommands } from "../common/clipboardCommands.js";
import { readClipboardCapped } from "../common/readClipboardCapped.js";
import { watchClipboard } from "../common/watchClipboard.js";

/**
 * System clipboard for Node shells through the OS tools (xclip, wl-clipboard, pbcopy/pbpaste, PowerShell).
 * Reads are capped while reading; change events come from clipboard-event's native helper, with polling as
 * the fallback (see watchClipboard).
 */
export class NodeClipboard implements ClipboardPort {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async read({ maxBytes }: { maxBytes: number }): Promise<ClipboardContent> {
    const c = clipboardCommands(this.env);
    if (c instanceof AppError) throw c;
    return readClipboardCapped(c, maxBytes, this.env);
  }

  async writeText(text: string): Promise<void> {
    const c = clipboardCommands(this.env);
    if (c instanceof AppError) throw c;
    const [cmd, args] = c.write;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { env: this.env, stdio: ["pipe", "ignore", "ignore"], windowsHide: true });
      child.on("error", (e) => reject(new AppError(ErrorCode.Unavailable, `${cmd} could not run: ${e.message}`, { cause: e })));
      // xclip forks to keep serving the selection; it has taken the text once stdin closes.
      child.stdin.on("error", () => {});
      child.stdin.end(text, () => resolve());
      child.unref();
    });
    // xclip claims the selection asynchronously after reading stdin: wait until the clipboard really holds
    // the text, so "copied" is true when we say it (up to 2 s).
    const bytes = Buffer.byteLength(text);
    let last = "";
    for (let i = 0; i < 40; i++) {
      const got = await this.read({ maxBytes: bytes }).catch((e: Error) => ({ kind: "error" as const, message: e.message }));
      if ((got.kind === "text" && got.text === text) || (text === "" && got.kind === "empty")) return;
      last = got.kind === "error" ? got.message : got.kind;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new AppError(ErrorCode.Unavailable, `The clipboard did not take the text: ${cmd} ran, but reading back gave ${last || "something else"}.`);
  }

  watch(onChange: (c: ClipboardContent) => void, options: { maxBytes: number; onStatus?: (s: ClipboardWatchStatus) => void }): ClipboardWatcher {
    const c = clipboardCommands(this.env);
    return watchClipboard(onChange, {
      env: this.env,
      session: c instanceof AppError ? { kind: "none", reason: c.message } : c.session,
      unavailable: c instanceof AppError ? c.message : null,
      read: (maxBytes) => this.read({ maxBytes }),
      maxBytes: options.maxBytes,
      onStatus: options.onStatus,
    });
  }
}
