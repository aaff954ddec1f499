/** What an AI CLI said about its own run, read from its output (never from its exit code). */
export interface CliVerdict {
  /** error: the tool reported a failure; ok: its final event says success; unknown: no status event (plain text). */
  status: "error" | "ok" | "unknown";
  /** Which output format was recognised. */
  format: "result-json" | "codex-jsonl" | "aider-text" | "text";
  /** Why it failed, in the tool's words. */
  reason?: string;
  /** The tool's final answer text: the result event's `result`, codex's last agent message, or plain stdout. */
  answer: string;
}

type Event = Record<string, unknown>;

/** Aider exits 0 when its edits do not apply; these lines are how it says so. */
const AIDER_FAILURE = /Failed to apply edit|SearchReplaceNoExactMatch|did not conform to the edit format|Malformed (?:response|edit)/i;

/**
 * Judge an AI CLI's run from its stdout/stderr:
 * - `claude -p --output-format json|stream-json` and `cursor-agent -p --output-format json`: the last
 *   `{"type":"result"}` event; `is_error: true` or a `subtype` other than `success` is a failure (both CLIs can
 *   exit 0 then).
 * - `codex exec --json`: JSONL events; `turn.failed`, or an `error` not followed by `turn.completed`, is a
 *   failure; the answer is the last `item.completed` agent message.
 * - anything else is text: aider's "Failed to apply edit" / `SearchReplaceNoExactMatch` lines are a failure.
 */
export function judgeCliOutput(stdout: string, stderr: string): CliVerdict {
  const events = jsonEvents(stdout);
  const result = events.filter((e) => e.type === "result").at(-1);
  if (result) return judgeResultEvent(result);
  if (events.some((e) => typeof e.type === "string" && /^(thread|turn|item)\.|^error$/.test(e.type))) return judgeCodex(events);
  const failure = AIDER_FAILURE.exec(`${stdout}\n${stderr}`);
  if (failure) return { status: "error", format: "aider-text", reason: lineAround(`${stdout}\n${stderr}`, failure.index), answer: stdout };
  return { status: "unknown", format: "text", answer: stdout };
}

function judgeResultEvent(e: Event): CliVerdict {
  const answer = typeof e.result === "string" ? e.result : "";
  const subtype = typeof e.subtype === "string" ? e.subtype : undefined;
  if (e.is_error === true || (subtype !== undefined && subtype !== "success")) {
    const errors = Array.isArray(e.errors) ? e.errors.map(String).join("; ") : "";
    const reason = [subtype && subtype !== "success" ? subtype : "is_error", answer || errors].filter(Boolean).join(": ");
    return { status: "error", format: "result-json", reason: reason.slice(0, 2000), answer };
  }
  return { status: "ok", format: "result-json", answer };
}

function judgeCodex(events: Event[]): CliVerdict {
  let answer = "";
  for (const e of events) {
    const item = e.item as Event | undefined;
    if (e.type === "item.completed" && item && (item.type === "agent_message" || item.item_type === "assistant_message") && typeof item.text === "string") answer = item.text;
  }
  // A top-level `error` is fatal unless a turn still completed after it (a retried stream).
  const lastCompleted = events.findLastIndex((e) => e.type === "turn.completed");
  const failed = events.find((e, i) => e.type === "turn.failed" || (e.type === "error" && i > lastCompleted));
  if (failed) {
    const error = failed.error as Event | undefined;
    const message = typeof error?.message === "string" ? error.message : typeof failed.message === "string" ? failed.message : JSON.stringify(failed).slice(0, 500);
    return { status: "error", format: "codex-jsonl", reason: `${failed.type}: ${message}`.slice(0, 2000), answer };
  }
  return { status: events.some((e) => e.type === "turn.completed") ? "ok" : "unknown", format: "codex-jsonl", answer };
}

/** The whole output as one JSON object, or each line that is one (JSONL). */
function jsonEvents(stdout: string): Event[] {
  const whole = parseObject(stdout.trim());
  if (whole) return [whole];
  const out: Event[] = [];
  for (const line of stdout.split("\n")) {
    const e = line.trimStart().startsWith("{") ? parseObject(line.trim()) : null;
    if (e) out.push(e);
  }
  return out;
}

function parseObject(text: string): Event | null {
  if (!text.startsWith("{")) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Event) : null;
  } catch {
    return null;
  }
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf("\n", index) + 1;
  const end = text.indexOf("\n", index);
  return text.slice(start, end === -1 ? undefined : end).trim().slice(0, 500);
}
