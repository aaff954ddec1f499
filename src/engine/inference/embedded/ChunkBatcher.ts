/**
 * Coalesces streamed text in the inference worker so it sends one IPC message per `intervalMs` rather than
 * one per token. Each message costs the worker a JSON encode + write and wakes the engine process; on a
 * machine whose cores are all decoding, that wake-up steals a core from llama.cpp's threads mid-token.
 * The first chunk goes out at once (TTFT is unchanged); later text waits at most `intervalMs`.
 */
export class ChunkBatcher {
  private pending = "";
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param intervalMs minimum time between two sends, ms. Defaults to `25` (40 updates/s). */
  constructor(
    private readonly send: (text: string) => void,
    private readonly intervalMs = 25,
  ) {}

  push(text: string): void {
    if (text === "") return;
    this.pending += text;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Send whatever is pending now (call before reporting the end of a generation). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    this.lastSent = performance.now();
    this.send(text);
  }
}
