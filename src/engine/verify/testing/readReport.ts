import fs from "node:fs";
import path from "node:path";

/**
 * Read a report the sandboxed run left in its private temp folder. The run controlled that folder, so refuse
 * symlinks (O_NOFOLLOW; a report linked to /etc/shadow must not be read with our rights) and cap the size.
 */
export function readReport(hostTmp: string, file: string, maxBytes = 64 * 1024 * 1024): string | null {
  const dir = path.join(hostTmp, "cc-report");
  let fd: number;
  try {
    if (!fs.lstatSync(dir).isDirectory()) return null;
    fd = fs.openSync(path.join(dir, file), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return null;
    const buf = Buffer.alloc(Math.min(st.size, maxBytes));
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
