/**
 * Collects streamed tokens per member and flushes them at most every `intervalMs`, so six streaming
 * members send a few events a second each instead of one per token.
 */
export class TokenBatcher {
  private readonly pending = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushTo: (memberId: string, text: string) => void,
    private readonly intervalMs = 100,
  ) {}

  push(memberId: string, text: string): void {
    this.pending.set(memberId, (this.pending.get(memberId) ?? "") + text);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Send everything pending now (also for one member, before its final result). */
  flush(memberId?: string): void {
    const ids = memberId === undefined ? [...this.pending.keys()] : [memberId];
    for (const id of ids) {
      const text = this.pending.get(id);
      this.pending.delete(id);
      if (text) this.flushTo(id, text);
    }
    if (this.pending.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
