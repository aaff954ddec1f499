import { setMaxListeners } from "node:events";
import { AppError, ErrorCode, toAppError } from "../../../shared/contract/errors.js";
import type { MemberResult, MemberSpec } from "../../../shared/contract/ensemble.js";
import type { ChatMessage, GenerateResult, ModelGateway } from "../../inference/types.js";
import { TokenBatcher } from "./TokenBatcher.js";

/** What a member's text turned into; `status` is ok, repaired or invalid. */
export type Interpretation = Pick<MemberResult, "status" | "analysis" | "code" | "repairs"> & { reason?: string };

export interface DispatchOptions {
  members: MemberSpec[];
  gateway: ModelGateway;
  messagesFor(member: MemberSpec): ChatMessage[];
  interpret(text: string): Interpretation;
  jsonSchema?: Record<string, unknown>;
  maxTokens?: number;
  /** Per-member budget, ms. */
  timeoutMs: number;
  /** Valid answers after which the rest are skipped; 0 = wait for everyone. */
  quorum: number;
  signal: AbortSignal;
  onStart?(memberId: string, at: number): void;
  onTokens?(memberId: string, text: string): void;
  onResult?(result: MemberResult): void;
  /** Receives a function that cancels one member (the run goes on without it). */
  registerCancel?(cancel: (memberId: string) => boolean): void;
}

type StopReason = "timeout" | "cancelled" | "skipped";
const RAW_CAP = 20_000;

function finished(member: MemberSpec, startedAt: number, res: GenerateResult | null, text: string): Omit<MemberResult, "status" | "repairs"> {
  return {
    ...member,
    rawText: text.slice(0, RAW_CAP),
    startedAt,
    elapsedMs: Date.now() - startedAt,
    ttftMs: res?.metrics.ttftMs ?? null,
    tokensPerSecond: res?.metrics.tokensPerSecond ?? null,
    completionTokens: res?.metrics.completionTokens ?? null,
    truncated: res?.truncated ?? false,
  };
}

/** Interpret a member's text; an unusable answer carries the reason (and says so when it was cut off). */
function judge(o: DispatchOptions, base: Omit<MemberResult, "status" | "repairs">, text: string, res: GenerateResult | null): MemberResult {
  const got = o.interpret(text);
  if (got.status !== "invalid") return { ...base, ...got };
  const truncated = res?.truncated ?? false;
  const why = truncated ? `answer was cut off (${res!.finishReason}) and ${got.reason ?? "is not usable"}` : (got.reason ?? "not usable");
  return { ...base, ...got, error: { code: truncated ? ErrorCode.Truncated : ErrorCode.BadModelOutput, message: why } };
}

/** Per-member abort handles: who is still running, and why one was stopped. */
class Stops {
  private readonly entries = new Map<string, { controller: AbortController; reason?: StopReason }>();

  open(id: string): { controller: AbortController; reason?: StopReason } {
    const entry = { controller: new AbortController() } as { controller: AbortController; reason?: StopReason };
    this.entries.set(id, entry);
    return entry;
  }

  close(id: string): void {
    this.entries.delete(id);
  }

  /** Stop a running member; false when it is not running (finished, unknown or already stopped). */
  stop(id: string, reason: StopReason): boolean {
    const s = this.entries.get(id);
    if (!s || s.controller.signal.aborted) return false;
    s.reason = reason;
    s.controller.abort(new AppError(reason === "timeout" ? ErrorCode.Timeout : ErrorCode.Cancelled, `member ${reason}`));
    return true;
  }
}

/** One member's whole life: its own timeout, the run's cancel, streaming, then judging its answer. */
async function askMember(o: DispatchOptions, member: MemberSpec, stops: Stops, batcher: TokenBatcher): Promise<MemberResult> {
  const entry = stops.open(member.id);
  const onRunAbort = (): void => void stops.stop(member.id, "cancelled");
  o.signal.addEventListener("abort", onRunAbort, { once: true });
  const timer = setTimeout(() => stops.stop(member.id, "timeout"), o.timeoutMs);
  const startedAt = Date.now();
  o.onStart?.(member.id, startedAt);
  let text = "";
  try {
    const res = await o.gateway.generate({
      modelId: member.modelId,
      messages: o.messagesFor(member),
      sampling: { seed: member.seed, temperature: member.temperature, maxTokens: o.maxTokens },
      jsonSchema: o.jsonSchema,
      budgets: { totalMs: o.timeoutMs },
      signal: entry.controller.signal,
      onToken: (t) => {
        text += t;
        batcher.push(member.id, t);
      },
    });
    text = res.text;
    return judge(o, finished(member, startedAt, res, text), text, res);
  } catch (err) {
    const e = toAppError(err);
    // The gateway rejects JSON that breaks the schema; the one repair attempt is ours to make on the raw text.
    const raw = text || ((e.details as { text?: unknown } | undefined)?.text as string | undefined);
    if (e.code === ErrorCode.BadModelOutput && !entry.reason && raw) return judge(o, finished(member, startedAt, null, raw), raw, null);
    const status = entry.reason ?? (e.code === ErrorCode.Timeout ? "timeout" : e.code === ErrorCode.Cancelled ? "cancelled" : "error");
    const message = status === "timeout" && entry.reason ? `no answer within ${Math.round(o.timeoutMs / 100) / 10} s` : status === "skipped" ? "quorum reached before it answered" : e.message;
    const code = status === "timeout" ? ErrorCode.Timeout : status === "error" ? e.code : ErrorCode.Cancelled;
    return { ...finished(member, startedAt, null, text), status, repairs: [], error: { code, message } };
  } finally {
    clearTimeout(timer);
    stops.close(member.id);
    o.signal.removeEventListener("abort", onRunAbort);
    batcher.flush(member.id);
  }
}

/**
 * Ask every member at once. Each has its own timeout and can be cancelled alone; a failure, timeout,
 * garbage answer or cancel never fails the dispatch. With a quorum, the remaining members are stopped
 * ("skipped") once that many valid answers are in. Aborting `signal` stops everyone.
 */
export async function dispatchMembers(o: DispatchOptions): Promise<{ results: MemberResult[]; quorumReached: boolean }> {
  // Every member listens on the run's signal: many members are expected, not a leak.
  setMaxListeners(Math.max(10, o.members.length * 2 + 10), o.signal);
  const stops = new Stops();
  const batcher = new TokenBatcher((id, text) => o.onTokens?.(id, text));
  o.registerCancel?.((id) => stops.stop(id, "cancelled"));
  let valid = 0;
  let quorumReached = false;
  const settle = async (member: MemberSpec): Promise<MemberResult> => {
    const r = await askMember(o, member, stops, batcher);
    o.onResult?.(r);
    if (r.status === "ok" || r.status === "repaired") valid++;
    if (o.quorum > 0 && valid >= o.quorum && !quorumReached) {
      quorumReached = true;
      for (const m of o.members) stops.stop(m.id, "skipped");
    }
    return r;
  };
  try {
    return { results: await Promise.all(o.members.map(settle)), quorumReached };
  } finally {
    batcher.dispose();
  }
}
