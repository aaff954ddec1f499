import fs from "node:fs";
import { GgufType } from "./GgufWriter.js";

/** Hostile GGUF headers from the bad-input campaign: counts and lengths that lie about what the file holds. */
export type HostileGguf =
  | { kind: "hugeArray"; elementType: number; count?: bigint }
  | { kind: "hugeKeyLength" }
  | { kind: "hugeStringValue" }
  | { kind: "stringPastEof" }
  | { kind: "kvCountPastEof" }
  | { kind: "tensorCountHuge" }
  | { kind: "tensorDimsHuge" }
  | { kind: "nestedArrayBomb" };

const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
};
const u64 = (v: bigint | number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
};
const str = (s: string): Buffer => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);
const kvString = (key: string, value: string): Buffer => Buffer.concat([str(key), u32(GgufType.String), str(value)]);

/**
 * Write a GGUF file whose header is well-formed up to one hostile field, followed by `padBytes` of zeros (a
 * real-looking file size; the campaign's crashing file was 491 KB). Returns the file size.
 */
export function writeHostileGguf(file: string, h: HostileGguf, padBytes = 64 * 1024): number {
  const arch = kvString("general.architecture", "llama");
  let tensors: bigint = 0n;
  let kvCount: bigint = 2n;
  let body: Buffer[];
  switch (h.kind) {
    case "hugeArray":
      body = [arch, str("tokenizer.ggml.tokens"), u32(GgufType.Array), u32(h.elementType), u64(h.count ?? 2n ** 40n)];
      break;
    case "hugeKeyLength":
      body = [arch, u64(2n ** 40n), Buffer.from("x")];
      break;
    case "hugeStringValue":
      body = [arch, str("tokenizer.chat_template"), u32(GgufType.String), u64(2n ** 40n)];
      break;
    case "stringPastEof":
      body = [arch, str("general.name"), u32(GgufType.String), u64(padBytes * 4)];
      break;
    case "kvCountPastEof":
      kvCount = 50_000n;
      body = [arch];
      break;
    case "tensorCountHuge":
      tensors = 2n ** 40n;
      kvCount = 1n;
      body = [arch];
      break;
    case "tensorDimsHuge":
      tensors = 1n;
      kvCount = 1n;
      body = [arch, str("token_embd.weight"), u32(0x7fffffff), u64(2n ** 40n)];
      break;
    case "nestedArrayBomb":
      body = [arch, str("x.nested"), u32(GgufType.Array), u32(GgufType.Array), u64(2n ** 32n)];
      break;
  }
  const head = Buffer.concat([Buffer.from("GGUF"), u32(3), u64(tensors), u64(kvCount), ...body]);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.alloc(padBytes)]));
  return head.length + padBytes;
}
