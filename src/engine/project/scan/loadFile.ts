import { toRepoFile } from "../build/toRepoFile.js";
import { extractFile } from "../extract/extractFile.js";
import { plainFacts } from "../extract/plainFacts.js";
import type { FileJob, FileResult } from "./FileJob.js";
import { readSource } from "./readSource.js";

/**
 * Read one file and derive its facts: binary files (NUL in the first 8 KB) and files whose content
 * still hashes to the cached one stop after the read; source files are parsed; other text gets plain facts.
 * Runs on the engine thread and in parser workers alike, so both produce the same results.
 */
export async function loadFile(job: FileJob): Promise<FileResult> {
  let read;
  try {
    read = readSource(job.abs);
  } catch {
    return { hash: "", readAt: 0, unreadable: true };
  }
  const base = { hash: read.hash, readAt: read.readAt };
  if (read.binary) return { ...base, binary: true };
  if (job.prevHash === read.hash) return { ...base, same: true };
  const parsed = !!job.parse && !job.generatedName;
  const facts = parsed ? await extractFile(job.parse!, read.text) : { ...plainFacts(job.language, read.text), ...(job.generatedName ? { note: "generated" } : {}) };
  // The repo-map entry is serialized here, while other threads parse too, not later on the engine thread alone.
  return { ...base, facts, parsed, line: Buffer.from(JSON.stringify(toRepoFile(job.rel, job.size, facts))) };
}
