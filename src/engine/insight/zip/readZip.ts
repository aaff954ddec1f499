import zlib from "node:zlib";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";

export interface ZipLimits {
  /** Most entries accepted. */
  maxEntries: number;
  /** Most bytes all entries may unpack to. */
  maxTotalBytes: number;
  /** Largest accepted uncompressed / compressed ratio of one entry. */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const refuse = (reason: string, details?: Record<string, unknown>): AppError => new AppError(ErrorCode.InvalidInput, `Refused bundle: ${reason}`, { details: { reason, ...details } });

/** Why an entry name is unsafe to unpack, or null when it is a plain relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return "an empty entry name";
  if (name.includes("\0")) return `a NUL byte in "${name}"`;
  if (name.includes("\\")) return `a backslash in "${name}"`;
  if (name.startsWith("/")) return `an absolute name "${name}"`;
  if (/^[A-Za-z]:/.test(name)) return `a drive letter in "${name}"`;
  if (name.split("/").some((p) => p === ".." || p === ".")) return `a ".." or "." segment in "${name}"`;
  if (name.split("/").slice(0, -1).some((p) => p === "")) return `an empty path segment in "${name}"`;
  return null;
}

function findEnd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  throw refuse("not a zip file (no end-of-central-directory record)");
}

/**
 * Read a zip for import, refusing anything that could write outside the target or exhaust the disk:
 * unsafe names, symlinks, duplicates, too many entries, too many bytes, suspicious compression ratios,
 * encrypted or ZIP64 entries. Checks every header before inflating anything; inflation is capped too.
 */
export function readZip(buf: Buffer, limits: ZipLimits): { entries: ZipEntry[]; comment: string } {
  const end = findEnd(buf);
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  const comment = buf.subarray(end + 22, end + 22 + buf.readUInt16LE(end + 20)).toString("utf8");
  if (count === 0xffff || cdOffset === 0xffffffff) throw refuse("ZIP64 archives are not accepted");
  if (count > limits.maxEntries) throw refuse(`too many entries (${count} > ${limits.maxEntries})`, { entries: count });
  if (cdOffset + cdSize > end) throw refuse("a corrupt central directory");
  const heads: Array<{ name: string; method: number; csize: number; size: number; local: number; flags: number }> = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== 0x02014b50) throw refuse("a corrupt central directory entry");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const attrs = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    p += 46 + nameLen + extraLen + commentLen;
    const bad = unsafeEntryName(name);
    if (bad) throw refuse(bad, { entry: name });
    const mode = madeBy === 3 ? attrs >>> 16 : 0;
    if ((mode & 0o170000) === 0o120000) throw refuse(`a symlink entry "${name}"`, { entry: name });
    if (name.endsWith("/")) continue;
    if (seen.has(name.toLowerCase())) throw refuse(`a duplicate entry "${name}"`, { entry: name });
    seen.add(name.toLowerCase());
    if (flags & 1) throw refuse(`an encrypted entry "${name}"`, { entry: name });
    if (method !== 0 && method !== 8) throw refuse(`an unsupported compression method ${method} in "${name}"`, { entry: name });
    if (csize === 0xffffffff || size === 0xffffffff) throw refuse("ZIP64 entries are not accepted");
    if (size > 1024 && size / Math.max(1, csize) > limits.maxRatio) throw refuse(`a compression ratio over ${limits.maxRatio}:1 in "${name}" (zip bomb?)`, { entry: name });
    total += size;
    if (total > limits.maxTotalBytes) throw refuse(`more than ${limits.maxTotalBytes} bytes unpacked`, { bytes: total });
    heads.push({ name, method, csize, size, local, flags });
  }
  const entries = heads.map((h) => {
    if (h.local + 30 > buf.length || buf.readUInt32LE(h.local) !== 0x04034b50) throw refuse(`a corrupt local header for "${h.name}"`);
    const start = h.local + 30 + buf.readUInt16LE(h.local + 26) + buf.readUInt16LE(h.local + 28);
    const raw = buf.subarray(start, start + h.csize);
    let data: Buffer;
    try {
      // The declared size may lie: cap the output at it so a forged header cannot unpack more.
      data = h.method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, h.size) });
    } catch (e) {
      throw refuse(`"${h.name}" does not unpack to its declared size`, { entry: h.name, cause: (e as Error).message });
    }
    if (data.length !== h.size) throw refuse(`"${h.name}" does not unpack to its declared size`, { entry: h.name });
    if (zlib.crc32(data) !== buf.readUInt32LE(h.local + 14) && !(h.flags & 8)) throw refuse(`a CRC mismatch in "${h.name}"`, { entry: h.name });
    return { name: h.name, data };
  });
  return { entries, comment };
}
