import type { ClipboardContent, ClipboardWatcher, ClipboardWatchStatus } from "../../engine/ports.js";
import type { ClipboardSession } from "./clipboardSession.js";
import { startClipboardEvents } from "./startClipboardEvents.js";

export interface WatchClipboardOptions {
  session: ClipboardSession;
  /** Environment of the helper process (DISPLAY…). */
  env?: NodeJS.ProcessEnv;
  /** Read the clipboard through the shell's gate (size cap first). */
  read(maxBytes: number): Promise<ClipboardContent>;
  /** Why reading cannot work at all here (no display, no clipboard tool): the watcher is `unavailable`. */
  unavailable?: string | null;
  maxBytes: number;
  onStatus?: (s: ClipboardWatchStatus) => void;
  pollMs?: number;
}

/** What counts as "the same content" between two reads; an oversized clipboard is one thing, however big. */
function key(c: ClipboardContent): string {
  if (c.kind === "text") return `t:${c.text}`;
  if (c.kind === "refused") return `r:${c.reason}${c.reason === "too-large" ? "" : `:${c.bytes}`}`;
  return "e";
}

/**
 * Watch the clipboard: change events from the native helper, a 500 ms poll when the helper cannot start or
 * dies (reported through `onStatus`), nothing where no clipboard is reachable. The first read is the baseline;
 * every later content that differs from the previous one is reported once.
 */
export function watchClipboard(onChange: (c: ClipboardContent) => void, o: WatchClipboardOptions): ClipboardWatcher {
  return new ClipboardWatch(onChange, o);
}

class ClipboardWatch implements ClipboardWatcher {
  private current: ClipboardWatchStatus = { mode: "events" };
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private events: { stop(): void } | undefined;
  private last: string | undefined;
  private running = false;
  private again = false;
  /** A change event arrived since the last read. */
  private copied = false;

  constructor(
    private readonly onChange: (c: ClipboardContent) => void,
    private readonly o: WatchClipboardOptions,
  ) {
    if (o.unavailable) this.setStatus({ mode: "unavailable", reason: o.unavailable });
    else this.start();
  }

  private start(): void {
    void this.check();
    const fallback = (reason: string): void => this.poll(`${reason}; polling every ${this.o.pollMs ?? 500} ms instead`);
    const started = startClipboardEvents(this.o.session, this.o.env ?? process.env, { onChange: () => void this.check(true), onFail: fallback });
    if ("problem" in started) return fallback(started.problem);
    this.events = started;
    this.setStatus({ mode: "events" });
  }

  status(): ClipboardWatchStatus {
    return this.current;
  }

  stop(): void {
    this.stopped = true;
    this.events?.stop();
    if (this.timer) clearInterval(this.timer);
  }

  private setStatus(s: ClipboardWatchStatus): void {
    this.current = s;
    // After `watch` has returned, so the caller holds the watcher when it hears the status.
    queueMicrotask(() => !this.stopped && this.o.onStatus?.(s));
  }

  private poll(reason: string): void {
    if (this.stopped || this.timer) return;
    this.events?.stop();
    this.setStatus({ mode: "polling", reason });
    this.timer = setInterval(() => void this.check(), this.o.pollMs ?? 500);
    void this.check();
  }

  /** Read and report; calls arriving during a read coalesce into one more read. */
  private async check(event = false): Promise<void> {
    this.copied ||= event;
    if (this.running) return void (this.again = true);
    this.running = true;
    try {
      do {
        this.again = false;
        const fromEvent = this.copied;
        this.copied = false;
        const c = await this.o.read(this.o.maxBytes).catch((): ClipboardContent => ({ kind: "empty" }));
        if (this.stopped) return;
        const k = key(c);
        // An event is a new copy: report a refusal again even if it looks like the last one (two different
        // oversized copies share a key); polling can only compare, so it reports each content once.
        if (this.last !== undefined && (k !== this.last || (fromEvent && c.kind === "refused"))) this.onChange(c);
        this.last = k;
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
  }
}
