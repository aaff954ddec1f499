import fs from "node:fs";
import path from "node:path";

/** The repository's `info/exclude`, following `.git` files of worktrees and submodules to their common dir. */
function excludeFile(root: string): string | null {
  const dotGit = path.join(root, ".git");
  const st = fs.statSync(dotGit, { throwIfNoEntry: false });
  if (!st) return null;
  let gitDir = dotGit;
  if (st.isFile()) {
    const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, "utf8"));
    if (!m) return null;
    gitDir = path.resolve(root, m[1]!.trim());
    const common = path.join(gitDir, "commondir");
    if (fs.existsSync(common)) gitDir = path.resolve(gitDir, fs.readFileSync(common, "utf8").trim());
  }
  return path.join(gitDir, "info", "exclude");
}

/**
 * Keep our output folder out of `git status` through the repository's local `.git/info/exclude` — never the
 * shared `.gitignore`, which is the user's to commit. `relDir` is relative to `root` ("artifacts").
 * Returns the exclude file when a line was added, null when there is no repository or the line was there.
 */
export function excludeFromGit(root: string, relDir: string): string | null {
  const file = excludeFile(root);
  if (!file) return null;
  const line = `/${relDir.split(path.sep).join("/").replace(/\/$/, "")}/`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (text.split(/\r?\n/).some((l) => l.trim() === line || l.trim() === line.slice(1))) return null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sep = text === "" || text.endsWith("\n") ? "" : "\n";
  fs.appendFileSync(file, `${sep}# CodeConductor analysis output (local to this clone)\n${line}\n`);
  return file;
}
