import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface WriteAttrs {
  /** Permission bits to give the file (e.g. 0o644). Defaults to `0o644`. */
  mode?: number;
  /** Owner to restore when running privileged; ignored otherwise. */
  uid?: number;
  gid?: number;
}

/** A temp-file name in the target's own folder (same file system, so rename is atomic). */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target).slice(0, 180)}.cc-${randomBytes(5).toString("hex")}.tmp`);
}

/** Write `bytes` to a new file `tmp` (must not exist), set mode/owner, fsync. The caller renames it into place. */
export function writeTempFile(tmp: string, bytes: Buffer, attrs: WriteAttrs = {}): void {
  const mode = attrs.mode ?? 0o644;
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fchmodSync(fd, mode); // after writing so umask does not alter the preserved mode
    if (process.getuid?.() === 0 && attrs.uid !== undefined && attrs.gid !== undefined) fs.fchownSync(fd, attrs.uid, attrs.gid);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync a directory so a rename/unlink in it survives power loss. Best effort where the OS refuses. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) cannot fsync directories.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Replace `target` atomically: temp file in the same folder, fsync, rename, fsync the folder. Readers see the
 * old bytes or the new bytes, never a mix; a crash leaves at most a stray `.cc-*.tmp` next to it.
 */
export function atomicWriteFile(target: string, bytes: Buffer, attrs: WriteAttrs = {}): void {
  const tmp = tempNameFor(target);
  try {
    writeTempFile(tmp, bytes, attrs);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(target));
}
