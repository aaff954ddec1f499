import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { listJournals, writeJournal, type Journal } from "./journalFile.js";
import { finishUndo } from "./recoverJournals.js";
import { lstatOrNull } from "./restoreEntry.js";
import { sha256 } from "./sha256.js";

export interface UndoOptions {
  /** Must be the latest committed apply when given (undo goes back in order). */
  applyId?: string;
  /** Undo even though files changed after the apply (those later edits are lost). */
  force?: boolean;
  onStep?: (step: string) => void;
}

/**
 * Undo the latest committed apply of a project: every file gets its exact old bytes (or is removed if the apply
 * created it), journaled so a crash mid-undo is finished on restart. Refuses with `conflict` when a file was
 * edited after the apply, unless `force`. Call under the project lock.
 */
export function undoApply(journalDir: string, options: UndoOptions = {}): Journal {
  const committed = listJournals(journalDir)
    .filter((x): x is { dir: string; journal: Journal } => x.journal?.state === "committed")
    .sort((a, b) => a.journal.createdAt - b.journal.createdAt || a.journal.applyId.localeCompare(b.journal.applyId));
  const last = committed.at(-1);
  if (!last) throw new AppError(ErrorCode.NotFound, "Nothing to undo in this project");
  if (options.applyId && options.applyId !== last.journal.applyId) {
    const known = committed.some((c) => c.journal.applyId === options.applyId);
    throw new AppError(known ? ErrorCode.Conflict : ErrorCode.NotFound, known ? `Apply ${options.applyId} is not the latest; undo ${last.journal.applyId} first` : `No undoable apply ${options.applyId}`);
  }
  const { dir, journal } = last;
  const changed = journal.entries.filter((e) => currentHash(path.join(journal.project, e.rel)) !== e.newHash).map((e) => e.rel);
  if (changed.length && !options.force) {
    throw new AppError(ErrorCode.Conflict, `Changed since the apply: ${changed.join(", ")} (undo with force to overwrite)`, { details: { changed } });
  }
  journal.state = "undoing";
  writeJournal(dir, journal);
  options.onStep?.("undoing");
  finishUndo(dir, journal);
  options.onStep?.("undone");
  return journal;
}

/** sha256 of a regular file, null when absent (or not a regular file). */
function currentHash(p: string): string | null {
  const st = lstatOrNull(p);
  return st?.isFile() ? sha256(fs.readFileSync(p)) : null;
}
