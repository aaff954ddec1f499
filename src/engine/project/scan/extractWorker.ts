import { parentPort } from "node:worker_threads";
import { encodeResults } from "./encodeResults.js";
import type { FileJob, FileResult } from "./FileJob.js";
import { loadFile } from "./loadFile.js";

// Runs inside a parser worker thread: read, hash and parse chunks of files; send their results back
// in order, with the repo-map lines already serialized.
parentPort?.on("message", async (msg: { id: number; jobs: FileJob[] }) => {
  try {
    const results: FileResult[] = [];
    for (const job of msg.jobs) results.push(await loadFile(job));
    const encoded = encodeResults(results);
    parentPort!.postMessage({ id: msg.id, results: encoded }, [encoded.lines.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message });
  }
});
parentPort?.postMessage({ ready: true });
