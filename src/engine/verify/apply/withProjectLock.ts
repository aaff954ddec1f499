import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { processAlive } from "../../util/processAlive.js";
import { sha256 } from "./sha256.js";
import { writeFailure } from "./writeFailure.js";

/** The journal folder of one project: `<journalRoot>/<sha256(project real path)[0..16]>`. */
export function projectJournalDir(journalRoot: string, projectReal: string): string {
  return path.join(journalRoot, sha256(projectReal).slice(0, 16));
}

/** Create the lock file with our pid; a partly written lock (disk full) is removed again. */
function writeLock(file: string): void {
  const fd = fs.openSync(file, "wx", 0o600);
  try {
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw e;
  }
}

/**
 * Run `fn` holding an exclusive lock on a project's journal folder (a `.lock` file holding our pid), so the app
 * and the CLI never apply, undo or recover in the same project at once. A lock left by a dead process is taken over.
 */
export function withProjectLock<T>(journalDir: string, fn: () => T): T {
  const file = path.join(journalDir, ".lock");
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(journalDir, { recursive: true, mode: 0o700 });
      writeLock(file);
      break;
    } catch (e) {
      // Only an existing lock means someone else is at work; a full disk or a permission problem says so.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw writeFailure(e, file);
      if (attempt > 2) throw new AppError(ErrorCode.Conflict, "Another apply or undo is running in this project", { cause: e });
      let holder = 0;
      try {
        holder = Number.parseInt(fs.readFileSync(file, "utf8") || "0", 10);
      } catch {
        continue; // released meanwhile
      }
      if (holder && holder !== process.pid && processAlive(holder)) throw new AppError(ErrorCode.Conflict, `Another apply or undo (pid ${holder}) is running in this project`);
      fs.rmSync(file, { force: true });
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
