import fs from "node:fs";
import path from "node:path";
import type { IgnoreStack } from "./IgnoreStack.js";
import { isVendoredDir } from "./isVendoredDir.js";

export interface WalkStats {
  seen: number;
  ignored: number;
  vendored: number;
  symlinks: number;
  unreadable: number;
}

/** A folder's entries after the ignore rules: what to stat and what to descend into, in name order. */
export interface Listing {
  /** The rules for this folder's entries (its own ignore files added). */
  ig: IgnoreStack;
  /** Kept files and folders: path relative to the root, and where to stat/read it (the real path behind a followed link). */
  files: Array<{ rel: string; abs: string }>;
  dirs: Array<{ rel: string; abs: string }>;
  /** What this folder's own entries add to the walk's counts. */
  counts: WalkStats;
}

export interface LinkPolicy {
  follow: boolean;
  realRoot: string;
  /** Real folders already walked through links (each once, so loops end). */
  visitedReal: Set<string>;
}

/** Apply the skip rules (symlinks, vendored folders, ignore patterns) to one folder's entries. */
export function listDir(abs: string, rel: string, ig: IgnoreStack, entries: readonly fs.Dirent[], links: LinkPolicy): Listing {
  const names = entries.map((d) => d.name);
  const out: Listing = { ig, files: [], dirs: [], counts: { seen: 0, ignored: 0, vendored: 0, symlinks: 0, unreadable: 0 } };
  const c = out.counts;
  for (const ent of entries) {
    c.seen++;
    const childRel = rel ? `${rel}/${ent.name}` : ent.name;
    let target = `${abs}/${ent.name}`;
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      const resolved = links.follow ? resolveExternalLink(target, links.realRoot, links.visitedReal) : null;
      if (!resolved) {
        c.symlinks++;
        continue;
      }
      ({ isDir, isFile } = resolved);
      target = resolved.real;
    }
    if (isDir) {
      if (isVendoredDir(ent.name, names)) c.vendored++;
      else if (ig.ignores(childRel, true)) c.ignored++;
      else out.dirs.push({ rel: childRel, abs: target });
    } else if (isFile) {
      if (ig.ignores(childRel, false)) c.ignored++;
      else out.files.push({ rel: childRel, abs: target });
    }
  }
  return out;
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
