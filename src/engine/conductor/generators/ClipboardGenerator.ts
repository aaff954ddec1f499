import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ClipboardContent, ClipboardPort, ClipboardWatcher } from "../../ports.js";
import type { CodeGenerator, GeneratedCode, GeneratorRequest } from "./CodeGenerator.js";
import { gateClipboardText } from "../../clipboard/gateClipboard.js";

export interface ClipboardGeneratorOptions {
  clipboard: ClipboardPort;
  /** Whether a text is an answer for this project (parses into at least one file edit); the reason when not. */
  recognise: (text: string) => { ok: true } | { ok: false; reason: string };
  maxBytes: number;
  warnBytes: number;
}

type Waiter = { resolve: (g: GeneratedCode) => void; req: GeneratorRequest };

/**
 * Human in the loop: the prompt goes on the clipboard, then a watcher (armed after our own write) waits for the
 * answer the user copies from Cursor. Our prompt, the previous answer, unrelated text, binary or oversized
 * content are ignored quietly; the capture hotkey or paste box can hand an answer over at any time.
 */
export class ClipboardGenerator implements CodeGenerator {
  readonly kind = "clipboard" as const;
  private watcher: ClipboardWatcher | undefined;
  private waiter: Waiter | undefined;
  private previousAnswer: string | undefined;
  private prompt = "";
  /** The last change seen while nobody was waiting. */
  private missed: ClipboardContent | undefined;

  constructor(private readonly options: ClipboardGeneratorOptions) {}

  async next(req: GeneratorRequest): Promise<GeneratedCode> {
    // A new prompt goes on the clipboard; waiting again for the same prompt (the last answer had nothing to
    // apply) must not overwrite what the user copied meanwhile.
    if (req.prompt !== this.prompt) {
      this.prompt = req.prompt;
      this.missed = undefined;
      await this.options.clipboard.writeText(req.prompt).catch((e: Error) => req.log("warn", `could not copy the prompt: ${e.message}; paste it from the app`));
    }
    return new Promise<GeneratedCode>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = undefined;
        reject(req.signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled"));
      };
      if (req.signal.aborted) return onAbort();
      req.signal.addEventListener("abort", onAbort, { once: true });
      this.waiter = {
        req,
        resolve: (g) => {
          req.signal.removeEventListener("abort", onAbort);
          this.waiter = undefined;
          if (g.kind === "answer") this.previousAnswer = g.text;
          resolve(g);
        },
      };
      // Armed after our own write (the prompt itself is never taken as an answer) and kept until dispose, so a
      // copy made while the last answer was being checked is not lost.
      this.watcher ??= this.options.clipboard.watch((c) => this.consider(c), {
        maxBytes: this.options.maxBytes,
        onStatus: (s) => this.waiter?.req.onWaiting({ watch: s.mode, hint: this.hint(s.mode, s.reason) }),
      });
      const st = this.watcher.status();
      req.onWaiting({ watch: st.mode, hint: this.hint(st.mode, st.reason) });
      const missed = this.missed;
      this.missed = undefined;
      if (missed) this.consider(missed);
    });
  }

  private hint(mode: string, reason?: string): string {
    if (mode === "unavailable") return `The clipboard cannot be watched here${reason ? ` (${reason})` : ""}: paste Cursor's answer into the app or press the capture hotkey.`;
    return `Paste the prompt into Cursor, then copy its answer: it is picked up from the clipboard (${mode === "events" ? "change events" : `polling${reason ? `: ${reason}` : ""}`}).`;
  }

  private consider(c: ClipboardContent): void {
    const w = this.waiter;
    if (!w) {
      this.missed = c;
      return;
    }
    if (c.kind === "empty") return;
    if (c.kind === "refused") return w.req.onIgnored(c.message, c.bytes);
    const text = c.text;
    if (text.trim() === this.prompt.trim()) return w.req.log("debug", "clipboard holds our own prompt");
    if (this.previousAnswer !== undefined && text === this.previousAnswer) return w.req.onIgnored("the previous answer again", c.bytes);
    const verdict = this.options.recognise(text);
    if (!verdict.ok) return w.req.onIgnored(verdict.reason, c.bytes);
    if (c.bytes > this.options.warnBytes) w.req.log("warn", `large answer: ${(c.bytes / 1e6).toFixed(1)} MB`);
    w.resolve({ kind: "answer", text, source: "clipboard" });
  }

  async capture(text: string | undefined, by: "hotkey" | "paste" | "user"): Promise<{ accepted: boolean; reason?: string }> {
    const w = this.waiter;
    if (!w) return { accepted: false, reason: "the loop is not waiting for code" };
    let answer = text;
    if (answer === undefined) {
      const c = await this.options.clipboard.read({ maxBytes: this.options.maxBytes });
      if (c.kind === "refused") return { accepted: false, reason: c.message };
      if (c.kind === "empty") return { accepted: false, reason: "the clipboard is empty" };
      answer = c.text;
    }
    // Pasted text passes the same gate as clipboard reads (size, NUL bytes, lone surrogates).
    const gated = gateClipboardText(answer, this.options.maxBytes);
    if (gated.kind === "refused") return { accepted: false, reason: gated.message };
    if (gated.kind === "empty" || !answer.trim()) return { accepted: false, reason: "empty text" };
    if (answer.trim() === this.prompt.trim()) return { accepted: false, reason: "that is our own prompt, not Cursor's answer" };
    w.resolve({ kind: "answer", text: answer, source: by === "hotkey" ? "hotkey" : "paste" });
    return { accepted: true };
  }

  private stopWatching(): void {
    this.watcher?.stop();
    this.watcher = undefined;
  }

  dispose(): void {
    this.stopWatching();
    this.waiter = undefined;
  }
}

