import fs from "node:fs";
import path from "node:path";
import { fsyncDir } from "./atomicWriteFile.js";
import { listJournals, writeJournal, type Journal } from "./journalFile.js";
import { removeCreatedDirs, removeStrayTemps, restoreEntry } from "./restoreEntry.js";

export interface RecoveryReport {
  /** Applies interrupted before commit, now rolled back (every file old). */
  rolledBack: string[];
  /** Undos interrupted midway, now finished. */
  undoFinished: string[];
  /** Applies that are committed (undoable), oldest first. */
  committed: Journal[];
  /** Applies that were undone (including the undos finished now). */
  undone: Journal[];
}

/**
 * Repair whatever a crash left: an apply caught in "prepared"/"committing" is rolled back to the old bytes,
 * an "undoing" is finished, stray temp files and half-deleted journals are removed. `journalDir` is one
 * project's journal folder; hold its lock (withProjectLock). Idempotent.
 */
export function recoverJournals(journalDir: string): RecoveryReport {
  const report: RecoveryReport = { rolledBack: [], undoFinished: [], committed: [], undone: [] };
  cleanTrash(journalDir);
  for (const { dir, journal } of listJournals(journalDir)) {
    if (!journal) {
      discardJournal(dir, null);
      continue;
    }
    if (journal.state === "prepared" || journal.state === "committing") {
      if (journal.state === "committing") for (const e of journal.entries) restoreEntry(dir, journal.project, e);
      removeStrayTemps(journal.project, journal.entries);
      discardJournal(dir, journal);
      report.rolledBack.push(journal.applyId);
    } else if (journal.state === "undoing") {
      finishUndo(dir, journal);
      report.undoFinished.push(journal.applyId);
      report.undone.push(journal);
    } else if (journal.state === "committed") {
      report.committed.push(journal);
    } else if (journal.state === "undone") {
      report.undone.push(journal);
    }
  }
  return report;
}

/** Restore every entry and mark the journal undone. */
export function finishUndo(dir: string, journal: Journal): void {
  for (const e of journal.entries) restoreEntry(dir, journal.project, e);
  removeStrayTemps(journal.project, journal.entries);
  removeCreatedDirs(journal.project, journal.createdDirs);
  journal.state = "undone";
  journal.undoneAt ??= Date.now();
  writeJournal(dir, journal);
}

/**
 * Drop an apply that never committed: remove its temp files and the folders it created, then the journal
 * folder (renamed away first, so a crash during removal cannot leave a half journal that looks valid).
 */
export function discardJournal(dir: string, journal: Journal | null): void {
  if (journal) {
    for (const e of journal.entries) if (e.tmp) fs.rmSync(e.tmp, { force: true });
    removeCreatedDirs(journal.project, journal.createdDirs);
  }
  const trash = path.join(path.dirname(dir), `.trash-${path.basename(dir)}`);
  try {
    fs.renameSync(dir, trash);
    fsyncDir(path.dirname(dir));
    fs.rmSync(trash, { recursive: true, force: true });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function cleanTrash(root: string): void {
  let names: string[] = [];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(".trash-")) fs.rmSync(path.join(root, n), { recursive: true, force: true });
}
