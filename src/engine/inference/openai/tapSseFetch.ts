/** What the tap saw of one streamed response. */
export interface SseTap {
  sawDone: boolean;
}

/**
 * A fetch for the openai SDK that reports when headers arrive and whether the SSE body carried the
 * `data: [DONE]` terminal marker (the SDK swallows it, and a stream cut before it must count as truncated).
 */
export function tapSseFetch(onHeaders: () => void, tap: SseTap): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    onHeaders();
    if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) return res;
    const decoder = new TextDecoder();
    let tail = "";
    const scan = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        tail = (tail + decoder.decode(chunk, { stream: true })).slice(-64);
        if (/(^|\n)data: ?\[DONE\]/.test(tail)) tap.sawDone = true;
        controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(scan), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
