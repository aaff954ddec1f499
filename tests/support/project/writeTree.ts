import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** File contents by relative path; a Buffer is written as-is (binary, invalid UTF-8). */
export type Tree = Record<string, string | Buffer>;

/** Write `tree` under `dir` (created if needed). Returns `dir`. */
export function writeTree(dir: string, tree: Tree): string {
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** A fresh temp folder holding `tree`; remove it with `fs.rmSync(dir, { recursive: true })`. */
export function tempTree(tree: Tree, prefix = "cc-project-"): string {
  return writeTree(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), tree);
}
