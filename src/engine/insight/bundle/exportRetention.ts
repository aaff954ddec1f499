import fs from "node:fs";
import path from "node:path";

export const BUNDLE_RE = /^codeconductor_case_[A-Za-z0-9._-]+\.zip$/;

/** Bundles in a folder, newest first (by modification time, then name). */
export function listBundles(dir: string): Array<{ path: string; bytes: number; mtime: number }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => BUNDLE_RE.test(n))
    .map((n) => {
      const st = fs.statSync(path.join(dir, n));
      return { path: path.join(dir, n), bytes: st.size, mtime: st.mtimeMs };
    })
    .sort((a, b) => b.mtime - a.mtime || b.path.localeCompare(a.path));
}

/** Delete all but the newest `keep` bundles; returns the deleted paths. */
export function pruneBundles(dir: string, keep: number): string[] {
  const old = listBundles(dir).slice(keep);
  for (const b of old) fs.rmSync(b.path, { force: true });
  return old.map((b) => b.path);
}
