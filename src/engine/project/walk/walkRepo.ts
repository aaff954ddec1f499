import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { IgnoreStack } from "./IgnoreStack.js";
import { isVendoredDir } from "./isVendoredDir.js";

export interface WalkedFile {
  /** Relative to the root, "/"-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

export interface WalkStats {
  seen: number;
  ignored: number;
  vendored: number;
  symlinks: number;
  unreadable: number;
}

export interface WalkOptions {
  /** Extra patterns (gitignore syntax) applied at the root, e.g. the artifacts folder. */
  exclude?: readonly string[];
  /** Follow symlinks whose target lies outside the root (each target once; loops are cut). Defaults to `false`. */
  followSymlinks?: boolean;
  signal?: AbortSignal;
  /** Called every few thousand entries with the number of files found so far. */
  onProgress?: (filesFound: number) => void;
}

/** Entries between event-loop yields, so cancellation and RPC stay responsive. */
const YIELD_EVERY = 4000;

/**
 * List a repository's files: stat-only (no reads), honouring nested `.gitignore`/`.ignore` (negations and
 * folder patterns included), skipping VCS, vendored and cache folders. Symlinks are skipped unless
 * `followSymlinks`; then only targets outside the root are walked, each real folder once, so loops end.
 * Files come in tree order: a folder's files by name, then its subfolders by name, recursively.
 * Synchronous syscalls in batches: ~3× faster than fs.promises for many small stats.
 */
export async function walkRepo(root: string, options: WalkOptions = {}): Promise<{ files: WalkedFile[]; stats: WalkStats }> {
  options.signal?.throwIfAborted();
  const realRoot = fs.realpathSync(root);
  const rootNames = safeReaddir(realRoot);
  if (!rootNames) throw new AppError(ErrorCode.NotFound, `Cannot read folder ${root}`);
  const walk: Walk = {
    realRoot, options, files: [], subdirs: [], visitedReal: new Set([realRoot]),
    stats: { seen: 0, ignored: 0, vendored: 0, symlinks: 0, unreadable: 0 },
  };
  const stack: Dir[] = [{ abs: realRoot, rel: "", ig: IgnoreStack.forRoot(realRoot, options.exclude ?? [], rootNames.map((d) => d.name)), entries: rootNames }];
  let sinceYield = 0;
  while (stack.length) {
    const dir = stack.pop()!;
    const names = dir.entries.map((d) => d.name);
    walk.subdirs = [];
    for (const ent of dir.entries) {
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        options.onProgress?.(walk.files.length);
        await new Promise<void>((r) => setImmediate(r));
        if (options.signal?.aborted) throw options.signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled");
      }
      visit(walk, dir, ent, names);
    }
    // Reverse onto the stack so folders are visited in name order: the output is in stable tree order.
    for (let i = walk.subdirs.length - 1; i >= 0; i--) stack.push(walk.subdirs[i]!);
  }
  options.onProgress?.(walk.files.length);
  return { files: walk.files, stats: walk.stats };
}

interface Dir {
  abs: string;
  rel: string;
  ig: IgnoreStack;
  entries: fs.Dirent[];
}

interface Walk {
  realRoot: string;
  options: WalkOptions;
  files: WalkedFile[];
  stats: WalkStats;
  visitedReal: Set<string>;
  /** Subfolders of the folder being listed, to visit next. */
  subdirs: Dir[];
}

/** One directory entry: count it, then skip it, queue it (folder) or stat and list it (file). */
function visit(walk: Walk, dir: Dir, ent: fs.Dirent, names: readonly string[]): void {
  const { stats } = walk;
  stats.seen++;
  const rel = dir.rel ? `${dir.rel}/${ent.name}` : ent.name;
  let target = `${dir.abs}/${ent.name}`;
  let isDir = ent.isDirectory();
  let isFile = ent.isFile();
  if (ent.isSymbolicLink()) {
    const resolved = walk.options.followSymlinks ? resolveExternalLink(target, walk.realRoot, walk.visitedReal) : null;
    if (!resolved) return void stats.symlinks++;
    ({ isDir, isFile } = resolved);
    target = resolved.real;
  }
  if (isDir) {
    if (isVendoredDir(ent.name, names)) return void stats.vendored++;
    if (dir.ig.ignores(rel, true)) return void stats.ignored++;
    const children = safeReaddir(target);
    if (!children) return void stats.unreadable++;
    walk.subdirs.push({ abs: target, rel, ig: dir.ig.enter(target, `${rel}/`, children.map((d) => d.name)), entries: children });
  } else if (isFile) {
    if (dir.ig.ignores(rel, false)) return void stats.ignored++;
    const st = safeStat(target);
    if (!st) return void stats.unreadable++;
    walk.files.push({ rel, size: st.size, mtimeMs: st.mtimeMs });
  }
}

function safeReaddir(dir: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return null;
  }
}

function safeStat(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** A symlink worth following: its target exists, lies outside the root and was not walked yet. */
function resolveExternalLink(abs: string, realRoot: string, visited: Set<string>): { real: string; isDir: boolean; isFile: boolean } | null {
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(abs);
    st = fs.statSync(real);
  } catch {
    return null; // dangling link, or a loop the OS refused to resolve (ELOOP)
  }
  const inside = real === realRoot || real.startsWith(realRoot + path.sep);
  if (inside || visited.has(real)) return null;
  // Outside targets that contain the root (a link to "/" or "..") would walk the root again: refuse them.
  if (realRoot.startsWith(real + path.sep) || real === path.parse(real).root) return null;
  if (st.isDirectory()) visited.add(real);
  return { real, isDir: st.isDirectory(), isFile: st.isFile() };
}
