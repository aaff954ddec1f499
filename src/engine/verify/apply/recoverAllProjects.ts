import fs from "node:fs";
import path from "node:path";
import type { Journal } from "./journalFile.js";
import { recoverJournals } from "./recoverJournals.js";
import { withProjectLock } from "./withProjectLock.js";

/**
 * At start-up: repair every project's interrupted applies (each under its lock; a project busy in another
 * process is skipped — that process repairs it). Returns every journal that is committed or undone, for the DB mirror.
 */
export function recoverAllProjects(journalRoot: string, onError: (dir: string, e: unknown) => void): { journals: Journal[]; rolledBack: string[] } {
  const journals: Journal[] = [];
  const rolledBack: string[] = [];
  let dirs: string[] = [];
  try {
    dirs = fs.readdirSync(journalRoot).filter((n) => !n.startsWith("."));
  } catch {
    return { journals, rolledBack };
  }
  for (const d of dirs) {
    const dir = path.join(journalRoot, d);
    try {
      const r = withProjectLock(dir, () => recoverJournals(dir));
      journals.push(...r.committed, ...r.undone);
      rolledBack.push(...r.rolledBack);
    } catch (e) {
      onError(dir, e);
    }
  }
  return { journals, rolledBack };
}
