import fs from "node:fs";
import path from "node:path";
import { atomicWriteFile } from "./atomicWriteFile.js";
import type { JournalEntry } from "./journalFile.js";
import { sha256 } from "./sha256.js";

/** Put one file back as it was before the apply (exact bytes, mode and owner), atomically. Idempotent. */
export function restoreEntry(journalDir: string, project: string, e: JournalEntry): void {
  const target = path.join(project, e.rel);
  if (e.backup === null) {
    // Created by the apply: remove it (a regular file only — never follow a link that appeared since).
    const st = lstatOrNull(target);
    if (st && !st.isDirectory()) fs.rmSync(target, { force: true });
    return;
  }
  const bytes = fs.readFileSync(path.join(journalDir, e.backup));
  const st = lstatOrNull(target);
  if (st?.isFile() && !st.isSymbolicLink() && sha256(fs.readFileSync(target)) === e.oldHash && (st.mode & 0o7777) === e.mode) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (st?.isSymbolicLink()) fs.rmSync(target, { force: true });
  atomicWriteFile(target, bytes, { mode: e.mode, uid: e.uid, gid: e.gid });
}

export function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch {
    return null;
  }
}

/** Remove folders an apply created, deepest first, only when empty. */
export function removeCreatedDirs(project: string, dirs: string[]): void {
  for (const d of [...dirs].reverse()) {
    try {
      fs.rmdirSync(path.join(project, d));
    } catch {
      // not empty (the user put something there) or already gone
    }
  }
}

/**
 * Remove temp files an interrupted write left next to the journal's targets (`.<name>.cc-<hex>.tmp`, see
 * tempNameFor): an undo or restore killed between writing and renaming its temp file leaves one behind.
 */
export function removeStrayTemps(project: string, entries: JournalEntry[]): void {
  for (const e of entries) {
    const target = path.join(project, e.rel);
    const prefix = `.${path.basename(target).slice(0, 180)}.cc-`;
    let names: string[];
    try {
      names = fs.readdirSync(path.dirname(target));
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith(prefix) && /\.cc-[0-9a-f]{10}\.tmp$/.test(n)) fs.rmSync(path.join(path.dirname(target), n), { force: true });
  }
}
