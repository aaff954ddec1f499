/**
 * Keeps the first and last halves of a stream up to `capBytes` and counts the rest, so a test run that prints
 * gigabytes costs at most `capBytes` of memory and the report still shows how it started and how it ended.
 */
export class OutputCapture {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Bytes seen in all. */
  total = 0;

  constructor(private readonly capBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headCap = Math.floor(this.capBytes / 2);
    if (this.headBytes < headCap) {
      const take = chunk.subarray(0, headCap - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
      if (!chunk.length) return;
    }
    const tailCap = this.capBytes - headCap;
    this.tail.push(chunk.length > tailCap ? chunk.subarray(chunk.length - tailCap) : chunk);
    this.tailBytes += Math.min(chunk.length, tailCap);
    while (this.tailBytes - (this.tail[0]?.length ?? 0) >= tailCap) this.tailBytes -= this.tail.shift()!.length;
    // Merge occasionally so thousands of tiny chunks do not pile up.
    if (this.tail.length > 256) this.tail = [Buffer.concat(this.tail)];
  }

  get truncated(): boolean {
    return this.total > this.headBytes + this.tailBytes;
  }

  /** Head, a marker with the number of dropped bytes, and tail, as UTF-8 text. */
  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    let tailBuf = Buffer.concat(this.tail);
    const keep = this.capBytes - Math.floor(this.capBytes / 2);
    if (tailBuf.length > keep) tailBuf = tailBuf.subarray(tailBuf.length - keep);
    const dropped = this.total - this.headBytes - tailBuf.length;
    return dropped > 0 ? `${head}\n… [${dropped} bytes of output omitted] …\n${tailBuf.toString("utf8")}` : head + tailBuf.toString("utf8");
  }
}
