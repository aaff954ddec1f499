export type BreakerState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. Defaults to `3`. */
  failureThreshold?: number;
  /** Time an open breaker waits before allowing one trial (half-open), ms. Defaults to `15000`. */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * Per-backend circuit breaker. Closed: requests flow. `failureThreshold` consecutive failures open it:
 * requests are refused at once. After `cooldownMs` it turns half-open: one trial (a health probe or a
 * request) is let through; success closes it, failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: BreakerState = "closed";
  lastError: string | undefined;

  constructor(private readonly options: CircuitBreakerOptions = {}) {}

  get state(): BreakerState {
    if (this.current === "open" && this.now() - this.openedAt >= (this.options.cooldownMs ?? 15_000)) this.current = "half-open";
    return this.current;
  }

  /** May a request (or trial) go now? In half-open, only one at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === "closed") return true;
    if (s === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.current = "closed";
    this.lastError = undefined;
  }

  failure(message: string): void {
    this.lastError = message;
    this.trialInFlight = false;
    this.failures++;
    if (this.current === "half-open" || this.failures >= (this.options.failureThreshold ?? 3)) {
      this.current = "open";
      this.openedAt = this.now();
    }
  }

  /** A trial that neither succeeded nor failed (cancelled) gives its slot back. */
  release(): void {
    this.trialInFlight = false;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
