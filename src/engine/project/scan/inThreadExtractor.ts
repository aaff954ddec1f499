import { extractFile } from "../extract/extractFile.js";
import type { FileFacts } from "../extract/FileFacts.js";
import type { Extractor } from "./scanFiles.js";

/** Longest stretch of parsing before yielding to the event loop (ms). */
const SLICE_MS = 25;

/** Parse in this thread, yielding every ~25 ms so RPC, progress and cancellation keep flowing. */
export const inThreadExtractor: Extractor = async (jobs, signal) => {
  const out: FileFacts[] = [];
  let sliceStart = performance.now();
  for (const job of jobs) {
    out.push(await extractFile(job.lang, job.text));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((r) => setImmediate(r));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  return out;
};
