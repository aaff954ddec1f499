import fs from "node:fs";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { IgnoreStack } from "./IgnoreStack.js";
import { listDir, type LinkPolicy, type Listing, type WalkStats } from "./listDir.js";
import { readDirSorted } from "./readDirSorted.js";
import type { WalkMemo } from "./WalkMemo.js";

export type { WalkStats } from "./listDir.js";

export interface WalkedFile {
  /** Relative to the root, "/"-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  /** Extra patterns (gitignore syntax) applied at the root, e.g. the artifacts folder. */
  exclude?: readonly string[];
  /** Follow symlinks whose target lies outside the root (each target once; loops are cut). Defaults to `false`. */
  followSymlinks?: boolean;
  /** Folder listings from earlier walks of this root (updated in place); unused when following symlinks. */
  memo?: WalkMemo;
  signal?: AbortSignal;
  /** Called every few thousand entries with the number of files found so far. */
  onProgress?: (filesFound: number) => void;
}

interface Dir {
  abs: string;
  rel: string;
  /** Rules of the folder above; null for the root. */
  parentIg: IgnoreStack | null;
}

/** Entries between event-loop yields, so cancellation and RPC stay responsive. */
const YIELD_EVERY = 4000;

/**
 * List a repository's files: stat-only (no reads), honouring nested `.gitignore`/`.ignore` (negations and
 * folder patterns included), skipping VCS, vendored and cache folders. Symlinks are skipped unless
 * `followSymlinks`; then only targets outside the root are walked, each real folder once, so loops end.
 * Files come in tree order: a folder's files by name, then its subfolders by name, recursively.
 * Synchronous syscalls: ~3× faster than fs.promises for many small stats. With `memo`, unchanged folders
 * are not read again (see WalkMemo); every file is still stat-ed.
 */
export async function walkRepo(root: string, options: WalkOptions = {}): Promise<{ files: WalkedFile[]; stats: WalkStats }> {
  options.signal?.throwIfAborted();
  const realRoot = fs.realpathSync(root);
  const links: LinkPolicy = { follow: !!options.followSymlinks, realRoot, visitedReal: new Set([realRoot]) };
  // Following links walks each outside target once per walk: that bookkeeping does not survive reuse.
  const memo = options.followSymlinks ? undefined : options.memo?.useOptions(JSON.stringify(options.exclude ?? []));
  const files: WalkedFile[] = [];
  const stats: WalkStats = { seen: 0, ignored: 0, vendored: 0, symlinks: 0, unreadable: 0 };
  const seenDirs = new Set<string>();
  const open = (dir: Dir): Listing | null => {
    seenDirs.add(dir.abs);
    return openDir(dir, options.exclude ?? [], links, memo);
  };
  const rootListing = open({ abs: realRoot, rel: "", parentIg: null });
  if (!rootListing) throw new AppError(ErrorCode.NotFound, `Cannot read folder ${root}`);
  const stack: Listing[] = [rootListing];
  let sinceYield = 0;
  while (stack.length) {
    const listing = stack.pop()!;
    addCounts(stats, listing.counts);
    // Indexed loops: for…of allocates per step in code that runs once per walk, mostly unoptimized.
    for (let i = 0; i < listing.files.length; i++) {
      const f = listing.files[i]!;
      const st = fs.statSync(f.abs, { throwIfNoEntry: false });
      if (st) files.push({ rel: f.rel, size: st.size, mtimeMs: st.mtimeMs });
      else stats.unreadable++;
    }
    const subdirs: Listing[] = [];
    for (let i = 0; i < listing.dirs.length; i++) {
      const d = listing.dirs[i]!;
      const l = open({ abs: d.abs, rel: d.rel, parentIg: listing.ig });
      if (l) subdirs.push(l);
      else stats.unreadable++;
    }
    // Reverse onto the stack so folders are visited in name order: the output is in stable tree order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    sinceYield += listing.files.length + listing.dirs.length;
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      options.onProgress?.(files.length);
      await new Promise<void>((r) => setImmediate(r));
      if (options.signal?.aborted) throw options.signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
    }
  }
  memo?.retain(seenDirs);
  options.onProgress?.(files.length);
  return { files, stats };
}

/** A folder's listing: from the memo when the folder is unchanged, else read and filtered now. */
function openDir(dir: Dir, exclude: readonly string[], links: LinkPolicy, memo: WalkMemo | undefined): Listing | null {
  const st = memo ? fs.statSync(dir.abs, { throwIfNoEntry: false }) : undefined;
  if (memo && !st) return null;
  const kept = st && memo!.get(dir.abs, st.mtimeMs, dir.parentIg);
  if (kept) return kept;
  const listedAt = Date.now();
  const entries = readDirSorted(dir.abs);
  if (!entries) return null;
  const names = entries.map((d) => d.name);
  const ig = dir.parentIg ? dir.parentIg.enter(dir.abs, dir.rel ? `${dir.rel}/` : "", names) : IgnoreStack.forRoot(dir.abs, [...exclude, "/.git"], names); // a worktree's .git is a file
  const listing = listDir(dir.abs, dir.rel, ig, entries, links);
  return st ? memo!.set(dir.abs, names, st.mtimeMs, listedAt, dir.parentIg, listing) : listing;
}

function addCounts(into: WalkStats, c: WalkStats): void {
  into.seen += c.seen;
  into.ignored += c.ignored;
  into.vendored += c.vendored;
  into.symlinks += c.symlinks;
  into.unreadable += c.unreadable;
}
