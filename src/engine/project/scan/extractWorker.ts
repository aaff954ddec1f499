import { parentPort } from "node:worker_threads";
import type { LanguageId } from "../../parsing/index.js";
import { extractFile } from "../extract/extractFile.js";
import type { FileFacts } from "../extract/FileFacts.js";

// Runs inside a worker thread: parse batches of files and send their facts back, in order.
parentPort?.on("message", async (msg: { id: number; jobs: Array<{ lang: LanguageId; text: string }> }) => {
  try {
    const facts: FileFacts[] = [];
    for (const job of msg.jobs) facts.push(await extractFile(job.lang, job.text));
    parentPort!.postMessage({ id: msg.id, facts });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message });
  }
});
parentPort?.postMessage({ ready: true });
