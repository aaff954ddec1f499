/**
 * Split a byte stream into text lines (without the newline). The final unterminated line is yielded too,
 * flagged `partial`, so callers can tell a clean end from a cut-off one.
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<{ line: string; partial: boolean }> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buf = "";
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) !== -1) {
        yield { line: buf.slice(0, nl).replace(/\r$/, ""), partial: false };
        buf = buf.slice(nl + 1);
      }
    }
    buf += decoder.decode();
    if (buf.length) yield { line: buf, partial: true };
  } finally {
    // Stopped early (byte cap, caller broke out): close the connection so the server stops generating.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
