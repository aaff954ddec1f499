import type { AnalysisCache, CacheEntry } from "../cache/AnalysisCache.js";
import { plainFacts } from "../extract/plainFacts.js";
import type { WalkedFile } from "../walk/walkRepo.js";
import { classifyPath, type PathClass } from "./classifyPath.js";
import type { FileJob, FileResult } from "./FileJob.js";

/**
 * Reads and parses files: on the engine thread, or shared with parser workers. Results come back in
 * the order of `jobs`; `onProgress` gets the number of jobs done so far. `prepare`, when present, is a
 * hint that a big scan is coming (start workers now, while the walk still runs).
 */
export type Extractor = ((jobs: readonly FileJob[], options?: { signal?: AbortSignal; onProgress?: (done: number) => void }) => Promise<FileResult[]>) & { prepare?: () => void };

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
  /** The walked paths, and whether they are exactly last run's (then no cache entry can be stale by path). */
  paths?: { set: ReadonlySet<string>; unchanged: boolean };
}

/**
 * Bring every walked file's facts up to date: unchanged files (size + mtime) come from the cache without
 * a read; files over the size cap are listed unread; the rest become jobs for the extractor, which reads
 * them, reuses cached facts when the content hash is unchanged, and parses the others.
 */
export async function scanFiles(walked: readonly WalkedFile[], options: ScanOptions): Promise<{ files: ScannedFile[]; counts: ScanCounts }> {
  const { cache } = options;
  const counts: ScanCounts = { binary: 0, tooLarge: 0, unreadable: 0, cacheHits: 0, parsed: 0 };
  // Walk order is kept: `slots[i]` is a listed file, or a job's file until its result says otherwise.
  const slots: Array<ScannedFile | { job: number; w: WalkedFile; cls: PathClass }> = [];
  const jobs: FileJob[] = [];
  // Indexed loops: this runs once per analysis over every file, mostly unoptimized, where for…of allocates.
  for (let i = 0; i < walked.length; i++) {
    const w = walked[i]!;
    const hit = cache.fresh(w.rel, w.size, w.mtimeMs);
    if (hit) {
      counts.cacheHits++;
      // Same path and size as when the entry was made (that is what "fresh" checked): its listing stands.
      if (hit.facts) slots.push((hit.listed ??= { rel: w.rel, size: w.size, cls: (hit.cls ??= classifyPath(w.rel)), entry: hit }));
      else counts.binary++;
      continue;
    }
    const cls = classifyPath(w.rel);
    if (cls.binary || cls.lockfile) {
      if (cls.binary) counts.binary++;
      continue;
    }
    if (w.size > options.maxFileBytes) {
      counts.tooLarge++;
      const entry: CacheEntry = { size: w.size, mtimeMs: w.mtimeMs, hash: "", readAt: Date.now(), facts: { ...plainFacts(cls.language, ""), note: "too large" }, cls };
      cache.entries.set(w.rel, entry);
      slots.push((entry.listed = { rel: w.rel, size: w.size, cls, entry }));
      continue;
    }
    const prev = cache.entries.get(w.rel);
    slots.push({ job: jobs.length, w, cls });
    jobs.push({ rel: w.rel, abs: `${options.root}/${w.rel}`, size: w.size, parse: cls.parse, language: cls.language, generatedName: cls.generatedName, ...(prev?.facts && prev.hash ? { prevHash: prev.hash } : {}) });
  }
  const base = counts.cacheHits;
  options.onProgress?.(base, walked.length);
  const results = jobs.length ? await options.extract(jobs, { signal: options.signal, onProgress: (done) => options.onProgress?.(base + done, walked.length) }) : [];
  if (!jobs.length) return finish(slots as ScannedFile[], counts, walked, options);
  const files: ScannedFile[] = [];
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (!("job" in s)) {
      files.push(s);
      continue;
    }
    const entry = applyResult(s.w, s.cls, results[s.job]!, cache, counts);
    if (entry) files.push((entry.listed = { rel: s.w.rel, size: s.w.size, cls: s.cls, entry }));
  }
  return finish(files, counts, walked, options);
}

function finish(files: ScannedFile[], counts: ScanCounts, walked: readonly WalkedFile[], options: ScanOptions): { files: ScannedFile[]; counts: ScanCounts } {
  if (!options.paths?.unchanged) options.cache.retain(options.paths?.set ?? new Set(walked.map((w) => w.rel)));
  return { files, counts };
}

/** Record a job's result in the cache; the file's entry when it is listed (not binary, not unreadable). */
function applyResult(w: WalkedFile, cls: PathClass, r: FileResult, cache: AnalysisCache, counts: ScanCounts): CacheEntry | null {
  if (r.unreadable) {
    counts.unreadable++;
    return null;
  }
  const prev = cache.entries.get(w.rel);
  const entry: CacheEntry = { size: w.size, mtimeMs: w.mtimeMs, hash: r.hash, readAt: r.readAt, facts: null, cls };
  cache.entries.set(w.rel, entry);
  if (r.binary) {
    counts.binary++;
    return null;
  }
  if (r.same && prev?.facts) {
    // Touched but unchanged: the cached facts, entry and JSON bytes stand.
    counts.cacheHits++;
    Object.assign(entry, { facts: prev.facts, repoFile: prev.repoFile, line: prev.line });
    return entry;
  }
  if (r.parsed) counts.parsed++;
  entry.facts = r.facts!;
  if (r.line) entry.line = r.line;
  return entry;
}
