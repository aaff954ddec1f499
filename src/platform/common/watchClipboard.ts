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
  let status: ClipboardWatchStatus = { mode: "events" };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let events: { stop(): void } | undefined;
  const setStatus = (s: ClipboardWatchStatus): void => {
    status = s;
    // After `watch` has returned, so the caller holds the watcher when it hears the status.
    queueMicrotask(() => !stopped && o.onStatus?.(s));
  };

  let last: string | undefined;
  let running = false;
  let again = false;
  let copied = false;
  const check = async (event = false): Promise<void> => {
    copied ||= event;
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        const fromEvent = copied;
        copied = false;
        const c = await o.read(o.maxBytes).catch((): ClipboardContent => ({ kind: "empty" }));
        if (stopped) return;
        const k = key(c);
        const first = last === undefined;
        // An event is a new copy: report a refusal again even if it looks like the last one (two different
        // oversized copies have the same key); polling can only compare, so it reports each content once.
        if (!first && (k !== last || (fromEvent && c.kind === "refused"))) onChange(c);
        last = k;
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  const poll = (reason: string): void => {
    if (stopped || timer) return;
    events?.stop();
    setStatus({ mode: "polling", reason });
    timer = setInterval(() => void check(), o.pollMs ?? 500);
    void check();
  };

  if (o.unavailable) {
    setStatus({ mode: "unavailable", reason: o.unavailable });
  } else {
    void check();
    const started = startClipboardEvents(o.session, o.env ?? process.env, { onChange: () => void check(true), onFail: (reason) => poll(`${reason}; polling every ${o.pollMs ?? 500} ms instead`) });
    if ("problem" in started) poll(`${started.problem}; polling every ${o.pollMs ?? 500} ms instead`);
    else {
      events = started;
      setStatus({ mode: "events" });
    }
  }
  return {
    status: () => status,
    stop: () => {
      stopped = true;
      events?.stop();
      if (timer) clearInterval(timer);
    },
  };
}
