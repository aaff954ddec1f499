import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { Budgets } from "./types.js";

/** Budgets with every field set. */
export type ResolvedBudgets = Required<Budgets>;

/** Defaults: loopback servers answer fast; first tokens may wait for a model load. */
export const DEFAULT_BUDGETS: ResolvedBudgets = { connectMs: 10_000, firstTokenMs: 120_000, idleMs: 30_000, totalMs: 600_000 };

type Phase = "connect" | "firstToken" | "idle";

/**
 * The four time budgets of one generation as one AbortSignal. `connect` runs until response headers
 * (`connected()`), `firstToken` until the first content chunk, `idle` between content chunks (`token()`),
 * `total` from start to end. Whichever runs out aborts `signal` with a `timeout` AppError naming it.
 * We own these because Node's fetch would otherwise wait up to 300 s per phase.
 */
export class StreamBudget {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private phaseTimer: NodeJS.Timeout | undefined;
  private readonly totalTimer: NodeJS.Timeout;
  private phase: Phase = "connect";
  private fired: AppError | undefined;

  constructor(
    private readonly budgets: ResolvedBudgets,
    parent?: AbortSignal,
  ) {
    this.signal = parent ? AbortSignal.any([parent, this.controller.signal]) : this.controller.signal;
    this.totalTimer = setTimeout(() => this.fire("total", budgets.totalMs), budgets.totalMs);
    this.arm("connect", budgets.connectMs);
  }

  /** Response headers arrived (or the local model is ready): start waiting for the first token. */
  connected(): void {
    if (this.phase === "connect") this.arm("firstToken", this.budgets.firstTokenMs);
  }

  /** A content chunk arrived: restart the idle budget. */
  token(): void {
    if (this.phase === "connect") this.connected();
    this.arm("idle", this.budgets.idleMs);
  }

  /** The budget that ran out, if any. */
  get error(): AppError | undefined {
    return this.fired;
  }

  dispose(): void {
    clearTimeout(this.phaseTimer);
    clearTimeout(this.totalTimer);
  }

  private arm(phase: Phase, ms: number): void {
    this.phase = phase;
    clearTimeout(this.phaseTimer);
    this.phaseTimer = setTimeout(() => this.fire(phase, ms), ms);
  }

  private fire(budget: Phase | "total", ms: number): void {
    if (this.fired || this.signal.aborted) return;
    const what = { connect: "connecting", firstToken: "waiting for the first token", idle: "waiting for the next token", total: "generating" }[budget];
    this.fired = new AppError(ErrorCode.Timeout, `Gave up ${what} after ${ms} ms (${budget} budget)`, { details: { budget, ms } });
    this.dispose();
    this.controller.abort(this.fired);
  }
}
