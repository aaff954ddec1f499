import { spawn } from "node:child_process";
import type { ClipboardContent, ClipboardWatchStatus } from "../../src/engine/ports.js";
import { NodeClipboard } from "../../src/platform/node/NodeClipboard.js";

export interface CopyLatencies {
  /** Copy → watcher callback, ms, one per detected copy. */
  ms: number[];
  /** Of each, the clipboard read that followed the change (xclip -o), ms. */
  readMs: number[];
  missed: number;
  /** How the watcher learned of changes at the end, and every status it reported. */
  mode: ClipboardWatchStatus["mode"];
  statuses: ClipboardWatchStatus[];
}

/** Put text on the CLIPBOARD selection with xclip, as another program would; resolves when xclip has read it. */
function xclipCopy(env: NodeJS.ProcessEnv, text: string): void {
  const child = spawn("xclip", ["-selection", "clipboard", "-i"], { env, stdio: ["pipe", "ignore", "ignore"] });
  child.stdin.end(text);
  child.unref();
}

/**
 * Copy `n` distinct texts with xclip and time each until the watcher reports it. The clock starts before xclip
 * is spawned, so the figure includes xclip's own start-up: an upper bound of what a copy in an editor costs.
 */
/** The Node clipboard, timing each read (the watcher reads through `this.read`). */
class TimedClipboard extends NodeClipboard {
  lastReadMs = 0;
  override async read(o: { maxBytes: number }): Promise<ClipboardContent> {
    const t = performance.now();
    try {
      return await super.read(o);
    } finally {
      this.lastReadMs = performance.now() - t;
    }
  }
}

export async function measureCopies(env: NodeJS.ProcessEnv, n: number, pollMs?: number): Promise<CopyLatencies> {
  const cb = new TimedClipboard(env);
  const readMs: number[] = [];
  const statuses: ClipboardWatchStatus[] = [];
  let waiting: { text: string; resolve: (ms: number) => void; t0: number } | undefined;
  const onChange = (c: ClipboardContent): void => {
    if (waiting && c.kind === "text" && c.text === waiting.text) waiting.resolve(performance.now() - waiting.t0);
  };
  const watcher = pollMs
    ? (await import("../../src/platform/common/watchClipboard.js")).watchClipboard(onChange, {
        session: { kind: "none", reason: "polling forced for comparison" },
        read: (maxBytes) => cb.read({ maxBytes }),
        maxBytes: 1 << 20,
        pollMs,
        onStatus: (s) => statuses.push(s),
        env,
      })
    : cb.watch(onChange, { maxBytes: 1 << 20, onStatus: (s) => statuses.push(s) });
  await new Promise((r) => setTimeout(r, 500));
  const ms: number[] = [];
  let missed = 0;
  try {
    for (let i = 0; i < n; i++) {
      const text = `bench copy ${i} ${Math.random().toString(36).slice(2)}`;
      const got = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 5000);
        waiting = { text, t0: performance.now(), resolve: (v) => (clearTimeout(timer), resolve(v)) };
        xclipCopy(env, text);
      });
      waiting = undefined;
      if (got === null) missed++;
      else {
        ms.push(got);
        readMs.push(cb.lastReadMs);
      }
      await new Promise((r) => setTimeout(r, 30));
    }
  } finally {
    watcher.stop();
  }
  return { ms, readMs, missed, mode: watcher.status().mode, statuses };
}
