import type { TensorType } from "./GgufWriter.js";

/** A small seeded PRNG (xorshift32) so synthesized models are reproducible. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Half-precision bits of `v` (normal range only; enough for weight scales). */
export function toF16Bits(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | ((x >>> 13) & 0x3ff);
}

/**
 * Fill `buf` with uniformly random weights of standard deviation `std` in `type`'s layout.
 * `constant` writes that value everywhere instead (norm weights).
 */
export function fillWeights(buf: Buffer, type: TensorType, rng: () => number, std: number, constant?: number): void {
  if (type === "F32") {
    const f = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    const a = std * Math.sqrt(3);
    for (let i = 0; i < f.length; i++) f[i] = constant ?? ((rng() / 0xffffffff) * 2 - 1) * a;
    return;
  }
  if (type === "F16") {
    const a = std * Math.sqrt(3);
    for (let i = 0; i < buf.length / 2; i++) buf.writeUInt16LE(toF16Bits(constant ?? ((rng() / 0xffffffff) * 2 - 1) * a), i * 2);
    return;
  }
  // Q8_0: blocks of [f16 scale][32 × int8]. Random int8 in [-127, 127] has std ≈ 73.
  const words = new Uint32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4));
  for (let i = 0; i < words.length; i++) words[i] = rng();
  for (let i = words.length * 4; i < buf.length; i++) buf[i] = rng() & 0xff;
  const scale = toF16Bits(constant === undefined ? std / 73 : constant / 127);
  for (let b = 0; b < buf.length; b += 34) {
    buf.writeUInt16LE(scale, b);
    if (constant !== undefined) buf.fill(127, b + 2, b + 34);
    else for (let j = b + 2; j < b + 34; j++) if (buf[j] === 0x80) buf[j] = 0x81;
  }
}
