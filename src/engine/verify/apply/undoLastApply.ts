import fs from "node:fs";
import type { Journal } from "./journalFile.js";
import { recoverJournals } from "./recoverJournals.js";
import { undoApply, type UndoOptions } from "./undoApply.js";
import { projectJournalDir, withProjectLock } from "./withProjectLock.js";

/** Undo the latest apply of `project` under its lock, after repairing any interrupted apply/undo first. */
export function undoLastApply(journalRoot: string, project: string, options: UndoOptions = {}): Journal {
  const dir = projectJournalDir(journalRoot, fs.realpathSync(project));
  return withProjectLock(dir, () => {
    recoverJournals(dir);
    return undoApply(dir, options);
  });
}
