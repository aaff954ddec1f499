import fs from "node:fs";
import type { RepoMap } from "../../../shared/contract/project.js";

const SEP = Buffer.from(",\n    ");
const OPEN = Buffer.from("[\n    ");
const CLOSE = Buffer.from("\n  ]");

/**
 * Write repo_map.json readably (top-level sections pretty-printed, one file / edge / rank per line) and
 * fast: per-file lines arrive as cached bytes and go to disk with writev, so an incremental run neither
 * re-serializes nor re-encodes unchanged files. Written to a temp file, then renamed into place.
 */
export function writeRepoMap(file: string, map: RepoMap, fileLines: readonly Buffer[], graphLines: readonly Buffer[], rankingJson: Buffer): void {
  const bufs: Buffer[] = [Buffer.from("{\n")];
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    bufs.push(Buffer.from(`${first ? "" : ",\n"}  ${JSON.stringify(key)}: `));
    first = false;
    if (key === "files") pushList(bufs, fileLines);
    else if (key === "graph") pushList(bufs, graphLines);
    else if (key === "ranking") bufs.push(rankingJson);
    else bufs.push(Buffer.from(JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")));
  }
  bufs.push(Buffer.from("\n}\n"));
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writevSync(fd, bufs);
  } finally {
    fs.closeSync(fd);
  }
  replaceFile(tmp, file);
}

/** A JSON array of pre-serialized lines (empty ones skipped), one per line. */
function pushList(bufs: Buffer[], lines: readonly Buffer[]): void {
  let first = true;
  // Indexed: runs once per write, mostly unoptimized, where for…of allocates per step.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.length) continue;
    bufs.push(first ? OPEN : SEP, l);
    first = false;
  }
  bufs.push(first ? Buffer.from("[]") : CLOSE);
}

/**
 * Replace `file` by `tmp` cheaply: renaming over a large file makes ext4 flush the new data first
 * (auto_da_alloc) and free the old blocks on this thread. Instead the old inode is kept by a hard link,
 * its name removed, the new file renamed in (a gap of microseconds that `loadRepoMap` retries over), and
 * the old inode unlinked in the background. Falls back to a plain atomic rename.
 */
function replaceFile(tmp: string, file: string): void {
  const old = `${file}.${process.pid}.old`;
  try {
    fs.linkSync(file, old);
  } catch {
    fs.renameSync(tmp, file);
    return;
  }
  try {
    fs.unlinkSync(file);
    fs.renameSync(tmp, file);
  } catch (e) {
    if (!fs.existsSync(file)) fs.renameSync(old, file);
    throw e;
  } finally {
    fs.unlink(old, () => {});
  }
}
