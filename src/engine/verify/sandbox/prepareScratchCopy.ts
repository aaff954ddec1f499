import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Heavy or sensitive folders not copied: mounted read-only from the project instead (or left out: .git). */
const SHARED_DIRS = ["node_modules", ".venv", "venv"];
const SKIPPED = new Set([".git", ".hg", ".svn", "target", "__pycache__", ".pytest_cache"]);

/**
 * A throw-away copy of the project for a run whose writes must not reach the project. Dependency folders are
 * not copied (they are large); empty mount points are left for them and the sandbox mounts the originals read-only.
 */
export function prepareScratchCopy(project: string): { dir: string; /** Top-level folders to mount read-only from the project. */ sharedDirs: string[]; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-scratch-"));
  const sharedDirs: string[] = [];
  fs.cpSync(project, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => {
      const rel = path.relative(project, src);
      if (!rel) return true;
      const top = rel.split(path.sep)[0]!;
      if (SKIPPED.has(path.basename(src))) return false;
      // Sockets, FIFOs and devices cannot (and must not) be copied; a test finds them missing.
      const st = fs.lstatSync(src);
      if (!st.isFile() && !st.isDirectory() && !st.isSymbolicLink()) return false;
      return !(SHARED_DIRS.includes(top) && rel !== top);
    },
  });
  for (const d of SHARED_DIRS) {
    const st = fs.lstatSync(path.join(project, d), { throwIfNoEntry: false });
    if (st?.isDirectory()) sharedDirs.push(d); // symlinks were copied as they are and need no mount
  }
  return { dir, sharedDirs, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
