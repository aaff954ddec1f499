import fs from "node:fs";
import crypto from "node:crypto";

export interface SourceRead {
  binary: boolean;
  text: string;
  /** sha1 of the raw bytes, base64url. */
  hash: string;
  /** When the read happened (ms since epoch), for racy-mtime checks. */
  readAt: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * Read a file as text. Binary means a NUL byte in the first 8000 bytes (git's heuristic). Invalid UTF-8
 * decodes to U+FFFD instead of failing, so Latin-1 or broken files are still analyzed.
 */
export function readSource(abs: string): SourceRead {
  const buf = fs.readFileSync(abs);
  const readAt = Date.now();
  const hash = crypto.createHash("sha1").update(buf).digest("base64url");
  const head = buf.subarray(0, 8000);
  if (head.includes(0)) return { binary: true, text: "", hash, readAt };
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return { binary: false, text: decoder.decode(buf.subarray(start)), hash, readAt };
}
