import fs from "node:fs";
import type { IgnoreStack } from "./IgnoreStack.js";
import type { Listing } from "./listDir.js";

interface DirMemo {
  mtimeMs: number;
  /** Time just before the folder was read. */
  listedAt: number;
  /** The parent's rules the listing was made under (identity). */
  parentIg: IgnoreStack | null;
  /** Its ignore files (present when it was read), and for the root `.git/info/exclude`. */
  ruleFiles: string[];
  /** Their sizes and mtimes then. */
  rulesSig: string;
  listing: Listing;
}

/** A folder modified this close to when it was read may change again within the same mtime tick. */
const RACY_MS = 50;
/** Files whose contents shape a folder's listing beyond its entries. */
const RULE_FILES = [".gitignore", ".ignore"];

/**
 * Folder listings kept between walks of one tree (memory only). A folder whose mtime is unchanged has the
 * same entries (creating, deleting or renaming an entry updates it), so its listing — names, kinds, ignore
 * and vendored decisions — is reused without `readdir` or pattern matching. Its files are still stat-ed
 * every walk: editing a file's content does not touch the folder. A listing is also redone when its
 * ignore files or the parent's rules change, or when it was made within 50 ms of the folder's last
 * change (a same-tick edit could hide).
 */
export class WalkMemo {
  private readonly dirs = new Map<string, DirMemo>();
  private key = "";

  /** Forget everything when the walk's options (excludes, link policy) differ from last time. */
  useOptions(key: string): this {
    if (key !== this.key) {
      this.dirs.clear();
      this.key = key;
    }
    return this;
  }

  /** A still-valid listing of `abs` under `parentIg`, given the folder's current mtime. */
  get(abs: string, mtimeMs: number, parentIg: IgnoreStack | null): Listing | null {
    const m = this.dirs.get(abs);
    if (!m || m.mtimeMs !== mtimeMs || m.parentIg !== parentIg || m.mtimeMs >= m.listedAt - RACY_MS) return null;
    return rulesSig(m.ruleFiles, Infinity) === m.rulesSig ? m.listing : null;
  }

  /**
   * Record a fresh listing. When the rules are unchanged the previous rules object is kept, so that the
   * subfolders' listings (keyed to it by identity) stay valid after a file is added here.
   */
  set(abs: string, names: readonly string[], mtimeMs: number, listedAt: number, parentIg: IgnoreStack | null, listing: Listing): Listing {
    const prev = this.dirs.get(abs);
    const ruleFiles = RULE_FILES.filter((f) => names.includes(f)).map((f) => `${abs}/${f}`);
    if (parentIg === null) ruleFiles.push(`${abs}/.git/info/exclude`);
    // A rule file changed within the racy window gets a signature that never matches: re-read next time.
    const sig = rulesSig(ruleFiles, listedAt - RACY_MS);
    if (prev?.listing.ig.sameRules(listing.ig)) listing.ig = prev.listing.ig;
    this.dirs.set(abs, { mtimeMs, listedAt, parentIg, ruleFiles, rulesSig: sig, listing });
    return listing;
  }

  /** Drop folders not seen in the last walk. */
  retain(seen: Set<string>): void {
    for (const abs of this.dirs.keys()) if (!seen.has(abs)) this.dirs.delete(abs);
  }
}

function rulesSig(files: readonly string[], racyAfter: number): string {
  let sig = "";
  for (const f of files) {
    const st = statOrNull(f);
    if (st && st.mtimeMs >= racyAfter) return "racy";
    sig += st ? `${st.size}:${st.mtimeMs};` : "-;";
  }
  return sig;
}

/** Like statSync without throwing for "not there": ENOENT, and ENOTDIR when `.git` is a file (worktrees, submodules). */
function statOrNull(f: string): fs.Stats | null {
  try {
    return fs.statSync(f, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
