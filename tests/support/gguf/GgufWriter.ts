import fs from "node:fs";

/** GGUF metadata value types (gguf.md, "GGUF value types"). */
export const GgufType = {
  Uint8: 0,
  Int8: 1,
  Uint16: 2,
  Int16: 3,
  Uint32: 4,
  Int32: 5,
  Float32: 6,
  Bool: 7,
  String: 8,
  Array: 9,
  Uint64: 10,
  Int64: 11,
  Float64: 12,
} as const;

/** One metadata entry. Arrays carry their element type. */
export type GgufKv =
  | { key: string; type: "string"; value: string }
  | { key: string; type: "u32"; value: number }
  | { key: string; type: "f32"; value: number }
  | { key: string; type: "bool"; value: boolean }
  | { key: string; type: "string[]"; value: string[] }
  | { key: string; type: "f32[]"; value: ArrayLike<number> }
  | { key: string; type: "i32[]"; value: ArrayLike<number> };

/** ggml tensor types this writer can produce. */
export type TensorType = "F32" | "F16" | "Q8_0";
const GGML_TYPE: Record<TensorType, number> = { F32: 0, F16: 1, Q8_0: 8 };

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the contiguous (row) dimension. */
  dims: number[];
  type: TensorType;
  /** Fill the tensor's raw bytes (already sized). */
  fill(buf: Buffer): void;
}

/** Bytes a tensor of `type` with `elements` elements occupies. Q8_0 needs a multiple of 32 elements. */
export function tensorBytes(type: TensorType, elements: number): number {
  if (type === "F32") return elements * 4;
  if (type === "F16") return elements * 2;
  if (elements % 32 !== 0) throw new Error(`Q8_0 tensor needs a multiple of 32 elements, got ${elements}`);
  return (elements / 32) * 34;
}

class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v | 0);
    this.push(b);
  }
  u64(v: number | bigint): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeKv(out: ByteSink, kv: GgufKv): void {
  out.str(kv.key);
  switch (kv.type) {
    case "string":
      out.u32(GgufType.String);
      return out.str(kv.value);
    case "u32":
      out.u32(GgufType.Uint32);
      return out.u32(kv.value);
    case "f32":
      out.u32(GgufType.Float32);
      return out.f32(kv.value);
    case "bool":
      out.u32(GgufType.Bool);
      return out.push(Buffer.from([kv.value ? 1 : 0]));
    case "string[]":
      out.u32(GgufType.Array);
      out.u32(GgufType.String);
      out.u64(kv.value.length);
      for (const s of kv.value) out.str(s);
      return;
    case "f32[]":
    case "i32[]": {
      out.u32(GgufType.Array);
      out.u32(kv.type === "f32[]" ? GgufType.Float32 : GgufType.Int32);
      out.u64(kv.value.length);
      for (let i = 0; i < kv.value.length; i++) {
        if (kv.type === "f32[]") out.f32(kv.value[i]!);
        else out.i32(kv.value[i]!);
      }
      return;
    }
  }
}

export interface WriteGgufOptions {
  /** Defaults to `3`. */
  version?: number;
  /** Replaces the 4 magic bytes (corrupt-file tests). */
  magic?: string;
  /** Data alignment in bytes. Defaults to `32` (GGUF's default; not written unless changed). */
  alignment?: number;
}

/**
 * Write a GGUF file: header, metadata, tensor infos, padding, tensor data (each tensor aligned).
 * Streams tensor data so large files never sit in memory whole. Returns the file size in bytes.
 */
export function writeGguf(file: string, kvs: GgufKv[], tensors: GgufTensor[], options: WriteGgufOptions = {}): number {
  const align = options.alignment ?? 32;
  const allKvs = align === 32 ? kvs : [...kvs, { key: "general.alignment", type: "u32", value: align } as GgufKv];
  const head = new ByteSink();
  head.push(Buffer.from((options.magic ?? "GGUF").slice(0, 4).padEnd(4, "\0"), "latin1"));
  head.u32(options.version ?? 3);
  head.u64(tensors.length);
  head.u64(allKvs.length);
  for (const kv of allKvs) writeKv(head, kv);
  let offset = 0;
  const sizes: number[] = [];
  for (const t of tensors) {
    const elements = t.dims.reduce((a, b) => a * b, 1);
    const size = tensorBytes(t.type, elements);
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(GGML_TYPE[t.type]);
    head.u64(offset);
    sizes.push(size);
    offset += Math.ceil(size / align) * align;
  }
  const pad = (n: number): Buffer => Buffer.alloc((align - (n % align)) % align);
  head.push(pad(head.length));
  const fd = fs.openSync(file, "w");
  try {
    let written = fs.writeSync(fd, head.concat());
    tensors.forEach((t, i) => {
      const buf = Buffer.allocUnsafe(sizes[i]!);
      t.fill(buf);
      written += fs.writeSync(fd, buf);
      if (i < tensors.length - 1) written += fs.writeSync(fd, pad(sizes[i]!));
    });
    return written;
  } finally {
    fs.closeSync(fd);
  }
}
