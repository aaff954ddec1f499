import fs from "node:fs";
import path from "node:path";
import { atomicWriteFile } from "./atomicWriteFile.js";

/**
 * prepared: backups and temp files are being written; nothing in the project changed yet.
 * committing: temp files are being renamed into place; some targets may be new, some old.
 * committed: every target is new; undo is possible. undoing / undone: the same for undo.
 */
export type JournalState = "prepared" | "committing" | "committed" | "undoing" | "undone";

export interface JournalEntry {
  /** Project-relative path (forward slashes). */
  rel: string;
  action: "create" | "modify" | "delete";
  /** Backup file name inside the journal folder, when the target existed. */
  backup: string | null;
  /** Temp file (absolute) renamed into place on commit; null for deletes. */
  tmp: string | null;
  mode: number;
  uid?: number;
  gid?: number;
  oldHash: string | null;
  newHash: string | null;
}

export interface Journal {
  version: 1;
  applyId: string;
  planId: string | null;
  /** Real path of the project root. */
  project: string;
  createdAt: number;
  state: JournalState;
  entries: JournalEntry[];
  /** Folders this apply created (deepest last); undo removes them when empty. */
  createdDirs: string[];
  undoneAt?: number;
}

export const JOURNAL_FILE = "journal.json";

/** Persist the journal atomically (temp + fsync + rename): recovery always reads a whole journal. */
export function writeJournal(dir: string, j: Journal): void {
  atomicWriteFile(path.join(dir, JOURNAL_FILE), Buffer.from(JSON.stringify(j, null, 1)), { mode: 0o600 });
}

export function readJournal(dir: string): Journal | null {
  try {
    const j = JSON.parse(fs.readFileSync(path.join(dir, JOURNAL_FILE), "utf8")) as Journal;
    return j.version === 1 && typeof j.applyId === "string" && Array.isArray(j.entries) ? j : null;
  } catch {
    return null;
  }
}

/** Every journal folder under `root`, oldest first. */
export function listJournals(root: string): Array<{ dir: string; journal: Journal | null }> {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith("."))
    .map((n) => ({ dir: path.join(root, n), journal: readJournal(path.join(root, n)) }))
    .sort((a, b) => (a.journal?.createdAt ?? 0) - (b.journal?.createdAt ?? 0) || a.dir.localeCompare(b.dir));
}
