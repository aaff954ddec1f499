import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** A `.git` folder or file in `root` or above: only then is spawning git worth it. */
function hasGitDir(root: string): boolean {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export interface GitState {
  branch: string;
  /** `git status --porcelain` lines: "XY path". */
  dirty: string[];
  commits: Array<{ hash: string; author: string; date: string; subject: string }>;
}

function git(root: string, args: string[], signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    execFile("git", ["-C", root, ...args], { signal, timeout: 10_000, maxBuffer: 8 * 1024 * 1024, encoding: "utf8" }, (err, stdout) =>
      resolve(err ? null : stdout),
    );
  });
}

/**
 * Branch, dirty files (capped at 200) and the last 10 commits, or null when `root` is not inside a git
 * work tree or git is missing. Each call is bounded at 10 s and follows `signal`.
 */
export async function readGitState(root: string, signal?: AbortSignal): Promise<GitState | null> {
  if (!hasGitDir(root)) return null;
  const inside = await git(root, ["rev-parse", "--is-inside-work-tree"], signal);
  if (inside?.trim() !== "true") return null;
  const [branch, status, log] = await Promise.all([
    git(root, ["rev-parse", "--abbrev-ref", "HEAD"], signal),
    git(root, ["status", "--porcelain=v1", "--untracked-files=normal", "."], signal),
    git(root, ["log", "-n", "10", "--date=short", "--pretty=format:%h%x09%an%x09%ad%x09%s"], signal),
  ]);
  return {
    branch: branch?.trim() || "(unknown)",
    dirty: (status ?? "").split("\n").filter(Boolean).slice(0, 200),
    commits: (log ?? "")
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [hash = "", author = "", date = "", ...subject] = l.split("\t");
        return { hash, author, date, subject: subject.join("\t") };
      }),
  };
}
