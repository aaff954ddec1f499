import fs from "node:fs";
import path from "node:path";

/**
 * Project paths a test run must not create or change: VCS internals and hooks, editor task runners, agent and
 * MCP configs (they start commands when an editor or agent opens the folder), direnv files.
 */
export const PROTECTED_RUN_PATHS = [
  ".git", ".hg", ".svn", ".husky", ".githooks", ".vscode", ".idea", ".devcontainer", ".cursor", ".claude", ".codex", ".gemini",
  ".windsurf", ".continue", ".mcp.json", ".cursorrules", ".envrc", "CLAUDE.md", "AGENTS.md", ".pre-commit-config.yaml",
];

/** Which protected paths exist now: existing ones are mounted read-only, missing ones are watched. */
export function splitProtected(project: string): { existing: string[]; missing: string[] } {
  const existing: string[] = [];
  const missing: string[] = [];
  for (const rel of PROTECTED_RUN_PATHS) {
    const st = fs.lstatSync(path.join(project, rel), { throwIfNoEntry: false });
    if (!st) missing.push(rel);
    // A symlink cannot be a mount point; it cannot be written through either once its target is read-only or hidden.
    else if (!st.isSymbolicLink()) existing.push(path.join(project, rel));
  }
  return { existing, missing };
}

/**
 * Remove protected paths the run created (they did not exist before it) and say so. rm never follows a
 * symlink, so a planted link is removed, not its target.
 */
export function rollBackCreated(project: string, missing: string[], notes: string[]): string[] {
  const removed: string[] = [];
  for (const rel of missing) {
    const p = path.join(project, rel);
    if (!fs.lstatSync(p, { throwIfNoEntry: false })) continue;
    fs.rmSync(p, { recursive: true, force: true });
    removed.push(rel);
  }
  if (removed.length) notes.push(`the run created protected path(s) ${removed.join(", ")}; removed (tests may not create editor, agent or VCS configs)`);
  return removed;
}
