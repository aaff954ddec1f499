import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { LanguageId } from "../../parsing/index.js";
import type { AnalysisCache, CacheEntry } from "../cache/AnalysisCache.js";
import type { FileFacts } from "../extract/FileFacts.js";
import { countLines, detectIndent, findTodos } from "../extract/scanText.js";
import type { WalkedFile } from "../walk/walkRepo.js";
import { classifyPath, type PathClass } from "./classifyPath.js";
import { readSource } from "./readSource.js";

/**
 * Parses source text into facts: in this thread, or in a worker pool. `expected` is how many files this
 * scan will parse in all (an upper bound), so a pool is only started when it pays off.
 */
export type Extractor = (jobs: Array<{ lang: LanguageId; text: string }>, signal?: AbortSignal, expected?: number) => Promise<FileFacts[]>;

export interface ScannedFile {
  rel: string;
  size: number;
  cls: PathClass;
  entry: CacheEntry;
}

export interface ScanCounts {
  binary: number;
  tooLarge: number;
  unreadable: number;
  cacheHits: number;
  parsed: number;
}

export interface ScanOptions {
  root: string;
  cache: AnalysisCache;
  extract: Extractor;
  maxFileBytes: number;
  signal?: AbortSignal;
  /** Files done so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/** Files read and parsed per batch: bounds memory and sets the progress/cancel granularity. */
const BATCH = 256;
/** Batches being parsed at once (one reading ahead). */
const MAX_INFLIGHT = 2;
/** Plain-text languages whose comments may hold TODOs. */
const NO_TODO = new Set(["markdown", "json", "restructuredtext", "other", "xml", "html"]);

function plainFacts(language: string, text: string): FileFacts {
  return {
    language, lines: countLines(text), symbols: [], imports: [], refs: [], hasMain: false,
    todos: NO_TODO.has(language) ? [] : findTodos(text), indent: NO_TODO.has(language) ? "" : detectIndent(text),
    quotes: { single: 0, double: 0 },
  };
}

/**
 * A file the cache could not vouch for by stat: too large (listed unread), binary (dropped), same content
 * as cached (facts reused), plain text (facts now) or source to parse (`text` returned for the parser).
 */
function loadChanged(w: WalkedFile, cls: PathClass, options: ScanOptions, counts: ScanCounts): { file: ScannedFile; text?: string } | null {
  const { cache } = options;
  if (w.size > options.maxFileBytes) {
    counts.tooLarge++;
    const entry: CacheEntry = { size: w.size, mtimeMs: w.mtimeMs, hash: "", readAt: Date.now(), facts: { ...plainFacts(cls.language, ""), note: "too large" }, cls };
    cache.entries.set(w.rel, entry);
    return { file: { rel: w.rel, size: w.size, cls, entry } };
  }
  let read;
  try {
    read = readSource(`${options.root}/${w.rel}`);
  } catch {
    counts.unreadable++;
    return null;
  }
  // Look up the previous entry before replacing it: a touched-but-unchanged file keeps its facts.
  const same = cache.sameContent(w.rel, read.hash);
  const entry: CacheEntry = { size: w.size, mtimeMs: w.mtimeMs, hash: read.hash, readAt: read.readAt, facts: null, cls };
  cache.entries.set(w.rel, entry);
  const file = { rel: w.rel, size: w.size, cls, entry };
  if (read.binary) {
    counts.binary++;
    return null;
  }
  if (same?.facts) {
    counts.cacheHits++;
    Object.assign(entry, { facts: same.facts, repoFile: same.repoFile, line: same.line });
    return { file };
  }
  if (cls.parse && !cls.generatedName) return { file, text: read.text };
  entry.facts = { ...plainFacts(cls.language, read.text), ...(cls.generatedName ? { note: "generated" } : {}) };
  return { file };
}

/**
 * Bring every walked file's facts up to date: unchanged files (size + mtime, else content hash) come from
 * the cache without parsing; the rest are read, classified and parsed in batches.
 */
export async function scanFiles(walked: WalkedFile[], options: ScanOptions): Promise<{ files: ScannedFile[]; counts: ScanCounts }> {
  const { cache } = options;
  const counts: ScanCounts = { binary: 0, tooLarge: 0, unreadable: 0, cacheHits: 0, parsed: 0 };
  const files: ScannedFile[] = [];
  const pending: Array<{ file: ScannedFile; lang: LanguageId; text: string }> = [];
  const inflight: Array<Promise<void>> = [];
  let expected = 0;
  for (const w of walked) if (!cache.fresh(w.rel, w.size, w.mtimeMs)) expected++;
  // Keep reading the next batch while workers parse the previous ones.
  const flush = async (): Promise<void> => {
    if (pending.length) {
      const batch = pending.splice(0);
      const p = options.extract(batch.map((b) => ({ lang: b.lang, text: b.text })), options.signal, expected).then((facts) => {
        batch.forEach((b, i) => (b.file.entry.facts = facts[i]!));
        counts.parsed += batch.length;
        options.onProgress?.(counts.parsed + counts.cacheHits, walked.length);
      });
      p.catch(() => {}); // awaited below; this only marks the rejection as handled meanwhile
      inflight.push(p);
    }
    if (inflight.length >= MAX_INFLIGHT) await inflight.shift();
    if (options.signal?.aborted) throw options.signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
  };
  for (const w of walked) {
    const hit = cache.fresh(w.rel, w.size, w.mtimeMs);
    if (hit) {
      counts.cacheHits++;
      if (hit.facts) files.push({ rel: w.rel, size: w.size, cls: (hit.cls ??= classifyPath(w.rel)), entry: hit });
      else counts.binary++;
      continue;
    }
    const cls = classifyPath(w.rel);
    if (cls.binary || cls.lockfile) {
      if (cls.binary) counts.binary++;
      continue;
    }
    const job = loadChanged(w, cls, options, counts);
    if (!job) continue;
    files.push(job.file);
    if (job.text !== undefined) pending.push({ file: job.file, lang: cls.parse!, text: job.text });
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  for (const p of inflight.splice(0)) await p;
  cache.retain(new Set(walked.map((w) => w.rel)));
  return { files, counts };
}
