import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Universal Ctags binary, or null when not installed (the Exuberant one lacks the languages we compare). */
export function findCtags(): { bin: string; version: string } | null {
  for (const bin of ["ctags-universal", "universal-ctags", "ctags"]) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (r.status === 0 && /Universal Ctags/.test(r.stdout)) return { bin, version: r.stdout.split("\n")[0]! };
  }
  return null;
}

/** Folders our walker skips that could sit in a tree: ctags skips them too, so both read the same files. */
export const CTAGS_EXCLUDES = [".git", "node_modules", ".venv", "__pycache__", "artifacts"];

/**
 * Wall time (ms) of ctags over `root`, writing tags to a temp file: `ctags -R` over the whole tree (with
 * the same exclusions as our walker), or `ctags -L` over `files` (relative paths) so that both tools read
 * exactly the same files in a tree that holds ignored content (caches, build output) our walker skips.
 */
export function timeCtags(bin: string, root: string, files?: readonly string[]): { ms: number; tags: number; args: string[] } {
  const out = path.join(os.tmpdir(), `cc-bench-tags-${process.pid}`);
  const list = `${out}.list`;
  if (files) fs.writeFileSync(list, `${files.join("\n")}\n`);
  const args = ["-f", out, ...(files ? ["-L", list] : ["-R", ...CTAGS_EXCLUDES.map((e) => `--exclude=${e}`), "."])];
  const t0 = performance.now();
  const r = spawnSync(bin, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ctags failed: ${r.stderr.slice(0, 500)}`);
  const tags = spawnSync("wc", ["-l", out], { encoding: "utf8" }).stdout.trim().split(/\s+/)[0];
  fs.rmSync(out, { force: true });
  fs.rmSync(list, { force: true });
  return { ms, tags: Number(tags), args: args.map((a) => (a === out ? "<tags>" : a === list ? "<list>" : a)) };
}
