import { runJobs } from "./runJobs.js";
import type { Extractor } from "./scanFiles.js";

/** Load and parse on the engine thread only, yielding after every chunk so RPC, progress and cancellation keep flowing. */
export const inThreadExtractor: Extractor = (jobs, options = {}) => runJobs(jobs, { signal: options.signal, onProgress: options.onProgress });
