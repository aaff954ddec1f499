import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { fsyncDir, tempNameFor, writeTempFile } from "./atomicWriteFile.js";
import { listJournals, writeJournal, type Journal, type JournalEntry } from "./journalFile.js";
import { discardJournal } from "./recoverJournals.js";
import { lstatOrNull } from "./restoreEntry.js";
import { sha256 } from "./sha256.js";
import { writeFailure } from "./writeFailure.js";

export interface PreparedChange {
  rel: string;
  action: "create" | "modify" | "delete";
  /** Final bytes (line endings and BOM already matched); null for deletes. */
  newBytes: Buffer | null;
  /** Hash the target must still have (null: must not exist) — the stale-write guard. */
  oldHash: string | null;
}

export interface ApplyFilesOptions {
  /** This project's journal folder (projectJournalDir); the caller holds its lock. */
  journalDir: string;
  /** Real path of the project root. */
  project: string;
  planId: string | null;
  changes: PreparedChange[];
  /** Finished journals kept for undo. Defaults to `30`. */
  keepJournals?: number;
  /** Test hook: called after each durable step ("prepared", "temp:N", "committing", "rename:N", "committed"). */
  onStep?: (step: string) => void;
}

/**
 * Write a set of files as one journaled transaction: back up the originals, write fsynced temp files next to the
 * targets, then rename them into place. A crash at any point is repaired by `recoverJournals`: before
 * "committed" every file goes back to its old bytes, after it every file is new. Returns the committed journal.
 */
export function applyFiles(o: ApplyFilesOptions): Journal {
  const applyId = `${Date.now().toString(36).padStart(9, "0")}-${randomBytes(4).toString("hex")}`;
  const dir = path.join(o.journalDir, applyId);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw writeFailure(err, dir);
  }
  const journal: Journal = { version: 1, applyId, planId: o.planId, project: o.project, createdAt: Date.now(), state: "prepared", entries: [], createdDirs: [] };
  try {
    journal.entries = o.changes.map((c, i) => backUp(dir, o.project, c, i));
    journal.createdDirs = dirsToCreate(o.project, o.changes);
    writeJournal(dir, journal);
    o.onStep?.("prepared");
    for (const d of journal.createdDirs) fs.mkdirSync(path.join(o.project, d), { mode: 0o755 });
    o.changes.forEach((c, i) => {
      const e = journal.entries[i]!;
      if (c.newBytes && e.tmp) writeTempFile(e.tmp, c.newBytes, { mode: e.mode, uid: e.uid, gid: e.gid });
      o.onStep?.(`temp:${i}`);
    });
  } catch (err) {
    discardJournal(dir, journal);
    throw writeFailure(err, o.project);
  }
  journal.state = "committing";
  writeJournal(dir, journal);
  o.onStep?.("committing");
  journal.entries.forEach((e, i) => {
    const target = path.join(o.project, e.rel);
    if (e.tmp) fs.renameSync(e.tmp, target);
    else fs.rmSync(target, { force: true });
    fsyncDir(path.dirname(target));
    o.onStep?.(`rename:${i}`);
  });
  journal.state = "committed";
  writeJournal(dir, journal);
  o.onStep?.("committed");
  pruneJournals(o.journalDir, o.keepJournals ?? 30);
  return journal;
}

/** Keep the newest `keep` finished journals (their backups are the undo history); drop older ones. */
function pruneJournals(journalDir: string, keep: number): void {
  const finished = listJournals(journalDir).filter((x) => x.journal && (x.journal.state === "committed" || x.journal.state === "undone"));
  for (const old of finished.slice(0, Math.max(0, finished.length - keep))) fs.rmSync(old.dir, { recursive: true, force: true });
}

function backUp(dir: string, project: string, c: PreparedChange, i: number): JournalEntry {
  const target = path.join(project, c.rel);
  const st = lstatOrNull(target);
  if (st && (!st.isFile() || st.isSymbolicLink())) throw new AppError(ErrorCode.Conflict, `${c.rel} is no longer a regular file`);
  const base = { rel: c.rel, action: c.action, tmp: c.newBytes ? tempNameFor(target) : null, newHash: c.newBytes ? sha256(c.newBytes) : null };
  if (!st) {
    if (c.oldHash !== null) throw new AppError(ErrorCode.Conflict, `${c.rel} was deleted since it was reviewed`, { details: { stale: [c.rel] } });
    return { ...base, backup: null, mode: 0o644, oldHash: null };
  }
  const bytes = fs.readFileSync(target);
  const hash = sha256(bytes);
  if (hash !== c.oldHash) throw new AppError(ErrorCode.Conflict, `${c.rel} changed since it was reviewed`, { details: { stale: [c.rel] } });
  const backup = `${i}.bak`;
  const fd = fs.openSync(path.join(dir, backup), "wx", 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { ...base, backup, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, oldHash: hash };
}

/** Folders (relative, shallow first) that must be created for new files. */
function dirsToCreate(project: string, changes: PreparedChange[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    if (c.action !== "create") continue;
    const parts = c.rel.split("/").slice(0, -1);
    for (let k = 1; k <= parts.length; k++) {
      const rel = parts.slice(0, k).join("/");
      if (!out.includes(rel) && !fs.existsSync(path.join(project, rel))) out.push(rel);
    }
  }
  return out;
}
