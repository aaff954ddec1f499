import { AppError, ErrorCode, throwIfAborted, toAppError } from "../../../shared/contract/errors.js";
import type { Debate, DebateTurn, Persona } from "../../../shared/contract/ensemble.js";
import type { ModelGateway } from "../../inference/types.js";
import { debateMessages, formatTranscript } from "./debateMessages.js";

export interface DebateOptions {
  task: string;
  agents: Persona[];
  /** The model that speaks for a persona. */
  modelFor(persona: Persona): string;
  rounds: number;
  /** Per-turn budget, ms. A turn that runs out keeps what it said so far, marked "timeout". */
  turnTimeoutMs: number;
  gateway: ModelGateway;
  signal: AbortSignal;
  maxTokens?: number;
  seed?: number;
  onTurn?(turn: DebateTurn): void;
}

async function takeTurn(o: DebateOptions, persona: Persona, round: number, transcript: string): Promise<DebateTurn> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new AppError(ErrorCode.Timeout, "turn timed out"));
  }, o.turnTimeoutMs);
  const onAbort = (): void => controller.abort(o.signal.reason);
  o.signal.addEventListener("abort", onAbort, { once: true });
  const modelId = o.modelFor(persona);
  const started = Date.now();
  let partial = "";
  try {
    const res = await o.gateway.generate({
      modelId,
      messages: debateMessages({ persona, task: o.task, round, rounds: o.rounds, transcript }),
      sampling: { temperature: persona.temperature, maxTokens: o.maxTokens, seed: o.seed },
      budgets: { totalMs: o.turnTimeoutMs },
      signal: controller.signal,
      onToken: (t) => (partial += t),
    });
    return { round, agent: persona.id, modelId, status: "ok", content: res.text.trim(), elapsedMs: Date.now() - started };
  } catch (err) {
    if (o.signal.aborted) throw toAppError(o.signal.reason ?? err);
    const e = toAppError(err);
    const status = timedOut || e.code === ErrorCode.Timeout ? "timeout" : "error";
    const error = status === "timeout" ? `no complete turn within ${o.turnTimeoutMs / 1000} s` : e.message;
    return { round, agent: persona.id, modelId, status, content: partial.trim(), error, elapsedMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Rounds of persona turns: within a round every agent speaks at once, each seeing all earlier rounds; a
 * turn that fails or times out is recorded and the debate goes on. Aborting `signal` stops it (throws cancelled).
 */
export async function runDebate(o: DebateOptions): Promise<Debate> {
  const names = new Map(o.agents.map((a) => [a.id, a.name]));
  const turns: DebateTurn[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    throwIfAborted(o.signal);
    const transcript = formatTranscript(turns, names);
    const results = await Promise.all(o.agents.map((a) => takeTurn(o, a, round, transcript)));
    for (const t of results) {
      turns.push(t);
      o.onTurn?.(t);
    }
  }
  return { agents: o.agents.map((a) => a.id), rounds: o.rounds, turns };
}
