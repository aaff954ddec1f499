import type { GenerateRequest, GenerateResult, ModelGateway } from "./types.js";

/**
 * `generate` as an async iterator of text chunks plus the final result. Iterate `tokens` to stream;
 * `result` settles when generation ends (and rejects as `generate` would). Breaking out of the loop
 * does not cancel: pass `signal` for that.
 */
export function streamGenerate(gateway: ModelGateway, request: Omit<GenerateRequest, "onToken">): { tokens: AsyncIterable<string>; result: Promise<GenerateResult> } {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const result = gateway.generate({
    ...request,
    onToken: (t) => {
      queue.push(t);
      wake?.();
    },
  });
  void result.then(
    () => ((finished = true), wake?.()),
    () => ((finished = true), wake?.()),
  );
  const tokens = {
    async *[Symbol.asyncIterator](): AsyncGenerator<string> {
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (finished) {
          await result; // surface the error, if any, to the loop
          return;
        }
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    },
  };
  return { tokens, result };
}
