import fs from "node:fs";

/** Sane maxima for header fields (real models stay far below: ~1 k keys, ~2 k tensors, 256 k-token vocabularies). */
export const GGUF_LIMITS = {
  kvCount: 1_000_000,
  tensorCount: 1_000_000,
  /** Longest string (chat templates are tens of KiB). */
  stringBytes: 64 * 1024 * 1024,
  dims: 8,
  arrayDepth: 2,
};

/** Fixed byte sizes of the scalar GGUF value types (gguf.md): u8 i8 u16 i16 u32 i32 f32 bool · · u64 i64 f64. */
const SCALAR_BYTES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;

class HeaderError extends Error {}

/** Sequential little-endian reader over a file handle with a small buffer; every read is bounded by the file size. */
class Cursor {
  pos = 0;
  private buf = Buffer.alloc(1 << 16);
  private bufStart = 0;
  private bufLen = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  get remaining(): number {
    return this.size - this.pos;
  }

  private need(n: number, what: string): Buffer {
    if (n > this.remaining) throw new HeaderError(`${what} runs past the end of the file (offset ${this.pos}, needs ${n} bytes, file has ${this.size})`);
    if (this.pos < this.bufStart || this.pos + n > this.bufStart + this.bufLen) {
      this.bufStart = this.pos;
      this.bufLen = fs.readSync(this.fd, this.buf, 0, Math.min(this.buf.length, this.size - this.pos), this.pos);
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  u32(what: string): number {
    return this.need(4, what).readUInt32LE(0);
  }

  u64(what: string): number {
    const v = this.need(8, what).readBigUInt64LE(0);
    // Anything above 2^53 is absurd for any count or length here; keep it as a number that fails every check.
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  latin1(n: number): string {
    return this.need(n, "magic").toString("latin1");
  }

  /** Skip `n` bytes after checking they exist. */
  skip(n: number, what: string): void {
    if (n > this.remaining) throw new HeaderError(`${what} runs past the end of the file (offset ${this.pos}, needs ${n} bytes, file has ${this.size})`);
    this.pos += n;
  }

  /** A GGUF string: u64 length + bytes. Only the first 200 bytes are decoded (keys, for messages). */
  string(what: string, keep = false): string {
    const len = this.u64(`${what} length`);
    if (len > GGUF_LIMITS.stringBytes) throw new HeaderError(`${what} claims ${len} bytes (limit ${GGUF_LIMITS.stringBytes})`);
    if (!keep) {
      this.skip(len, what);
      return "";
    }
    const take = Math.min(len, 200);
    const s = this.need(take, what).toString("utf8");
    this.skip(len - take, what);
    return s;
  }
}

/**
 * Walk a GGUF header (metadata and tensor infos) without allocating anything its counts claim: every count and
 * length is checked against the bytes left in the file and against sane maxima first. node-llama-cpp's reader
 * trusts them (an array claiming 2^40 elements kills the process with "invalid size error"), so this runs
 * before it. Returns a problem description, or null when the header is structurally sound.
 */
export function scanGgufHeader(file: string): string | null {
  const fd = fs.openSync(file, "r");
  try {
    const c = new Cursor(fd, fs.fstatSync(fd).size);
    // Too short or wrong magic bytes: not ours to judge, the reader reports those clearly.
    if (c.size < 8 || c.latin1(4) !== "GGUF") return null;
    const version = c.u32("version");
    if (version < 1 || version > 3) throw new HeaderError(`unsupported version ${version} (big-endian or corrupt file?)`);
    const count = (what: string): number => (version === 1 ? c.u32(what) : c.u64(what));
    const tensors = count("tensor count");
    const kvs = count("metadata count");
    if (tensors > GGUF_LIMITS.tensorCount) throw new HeaderError(`tensor count ${tensors} is absurd (limit ${GGUF_LIMITS.tensorCount})`);
    if (kvs > GGUF_LIMITS.kvCount) throw new HeaderError(`metadata count ${kvs} is absurd (limit ${GGUF_LIMITS.kvCount})`);
    // Each entry needs at least a length-prefixed key and a type: counts the file cannot hold are lies.
    if (kvs * 12 > c.remaining) throw new HeaderError(`metadata count ${kvs} does not fit in the file (${c.size} bytes)`);
    for (let i = 0; i < kvs; i++) {
      const key = c.string(`metadata key #${i}`, true);
      skipValue(c, c.u32(`type of ${key}`), key, 0, version);
    }
    if (tensors * 24 > c.remaining) throw new HeaderError(`tensor count ${tensors} does not fit in the file (${c.size} bytes)`);
    for (let i = 0; i < tensors; i++) skipTensorInfo(c, i);
    return null;
  } catch (e) {
    if (e instanceof HeaderError) return `hostile or corrupt GGUF header: ${e.message}`;
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

function skipValue(c: Cursor, type: number, key: string, depth: number, version: number): void {
  if (type in SCALAR_BYTES) return c.skip(SCALAR_BYTES[type]!, `value of ${key}`);
  if (type === STRING) return void c.string(`string value of ${key}`);
  if (type !== ARRAY) throw new HeaderError(`${key} has unknown value type ${type}`);
  if (depth >= GGUF_LIMITS.arrayDepth) throw new HeaderError(`${key} nests arrays deeper than ${GGUF_LIMITS.arrayDepth}`);
  const elem = c.u32(`element type of ${key}`);
  const n = version === 1 ? c.u32(`length of ${key}`) : c.u64(`length of ${key}`);
  if (elem in SCALAR_BYTES) {
    const bytes = n * SCALAR_BYTES[elem]!;
    if (!Number.isSafeInteger(bytes) || bytes > c.remaining) throw new HeaderError(`array ${key} claims ${n} elements (${bytes} bytes) but ${c.remaining} bytes are left`);
    return c.skip(bytes, `array ${key}`);
  }
  // Strings need ≥ 8 bytes each (their length), nested arrays ≥ 12: check the claim before walking it.
  const min = elem === STRING ? 8 : elem === ARRAY ? 12 : 0;
  if (!min) throw new HeaderError(`array ${key} has unknown element type ${elem}`);
  if (n * min > c.remaining) throw new HeaderError(`array ${key} claims ${n} elements but only ${c.remaining} bytes are left`);
  for (let i = 0; i < n; i++) skipValue(c, elem, `${key}[${i}]`, depth + 1, version);
}

function skipTensorInfo(c: Cursor, i: number): void {
  const name = c.string(`tensor #${i} name`, true);
  const dims = c.u32(`dimension count of tensor ${name}`);
  if (dims > GGUF_LIMITS.dims) throw new HeaderError(`tensor ${name} claims ${dims} dimensions (limit ${GGUF_LIMITS.dims})`);
  c.skip(dims * 8 + 4 + 8, `tensor ${name} info`);
}
