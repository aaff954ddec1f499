import fs from "node:fs";
import path from "node:path";
import { buildSpmByteVocab } from "./buildSpmByteVocab.js";
import { writeGguf, type GgufKv, type GgufTensor, type TensorType } from "./GgufWriter.js";
import { createRng, fillWeights } from "./randomFill.js";

/** Ways to break a synthesized file, for corrupt-model tests. */
export type GgufCorruption =
  /** Cut to 60% of its size: tensor data runs past the end. */
  | "truncated"
  /** First four bytes are "GGUX". */
  | "badMagic"
  /** A zero-byte file. */
  | "empty"
  /** One tensor claims 2^40 rows (llama.cpp may abort on such files). */
  | "absurdDims"
  /** No `llama.attention.head_count` (llama.cpp aborts on such files). */
  | "missingHeadCount"
  /** No `llama.feed_forward_length` (llama.cpp aborts on such files). */
  | "missingFeedForward";

export interface TinyLlamaOptions {
  /** `general.name`. Defaults to the file name without extension. */
  name?: string;
  /** Defaults to `300` (3 specials + 256 bytes + 41 pieces). */
  vocabSize?: number;
  /** Defaults to `64`. Must be a multiple of 32 for Q8_0. */
  embeddingLength?: number;
  /** Defaults to `2`. */
  blockCount?: number;
  /** Defaults to `4`. */
  headCount?: number;
  /** Defaults to `headCount`. */
  headCountKv?: number;
  /** Defaults to `128`. Must be a multiple of 32 for Q8_0. */
  feedForwardLength?: number;
  /** Trained context (`llama.context_length`). Defaults to `1024`. */
  contextLength?: number;
  /** Weight type of the matrices (norms stay F32). Defaults to `"F32"`. */
  type?: TensorType;
  /** PRNG seed; same seed, same file. Defaults to `1`. */
  seed?: number;
  /** Weight standard deviation. Defaults to `0.05`. */
  std?: number;
  /** `tokenizer.chat_template` (Jinja). Defaults to none (node-llama-cpp then picks a general wrapper). */
  chatTemplate?: string;
  corrupt?: GgufCorruption;
}

export interface TinyLlamaFile {
  file: string;
  sizeBytes: number;
  parameterCount: number;
}

/** The ~230 MB Q8_0 model of the llama-bench comparison (1024 wide, 12 layers, 16 heads, ff 2816, 32k vocab). */
export const BENCH_MODEL_OPTIONS: TinyLlamaOptions = {
  name: "bench-llama-230m",
  vocabSize: 32000,
  embeddingLength: 1024,
  blockCount: 12,
  headCount: 16,
  feedForwardLength: 2816,
  contextLength: 4096,
  type: "Q8_0",
  std: 0.02,
};

const FILE_TYPE: Record<TensorType, number> = { F32: 0, F16: 1, Q8_0: 7 };

/**
 * Synthesize a random-weight llama GGUF with an SPM byte tokenizer (milliseconds for the default 2-layer,
 * 64-wide model; a few seconds for `BENCH_MODEL_OPTIONS`). Loads in real node-llama-cpp / llama.cpp.
 */
export function writeTinyLlamaGguf(file: string, options: TinyLlamaOptions = {}): TinyLlamaFile {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (options.corrupt === "empty") {
    fs.writeFileSync(file, "");
    return { file, sizeBytes: 0, parameterCount: 0 };
  }
  const o = resolveOptions(file, options);
  const vocab = buildSpmByteVocab(o.vocabSize);
  const kvs = metadata(o, vocab);
  const tensors = llamaTensors(o);
  const parameterCount = tensors.reduce((n, t) => n + t.dims.reduce((a, b) => a * b, 1), 0);
  if (options.corrupt === "absurdDims") tensors[0]!.dims = [o.embeddingLength, 2 ** 40];
  const sizeBytes = writeGgufLazy(file, kvs, tensors, options.corrupt === "badMagic" ? "GGUX" : undefined);
  if (options.corrupt === "truncated") {
    const cut = Math.floor(sizeBytes * 0.6);
    fs.truncateSync(file, cut);
    return { file, sizeBytes: cut, parameterCount };
  }
  return { file, sizeBytes, parameterCount };
}

type Resolved = Required<Omit<TinyLlamaOptions, "chatTemplate" | "corrupt">> & Pick<TinyLlamaOptions, "chatTemplate" | "corrupt">;

function resolveOptions(file: string, o: TinyLlamaOptions): Resolved {
  const headCount = o.headCount ?? 4;
  return {
    name: o.name ?? path.basename(file).replace(/\.gguf$/i, ""),
    vocabSize: o.vocabSize ?? 300,
    embeddingLength: o.embeddingLength ?? 64,
    blockCount: o.blockCount ?? 2,
    headCount,
    headCountKv: o.headCountKv ?? headCount,
    feedForwardLength: o.feedForwardLength ?? 128,
    contextLength: o.contextLength ?? 1024,
    type: o.type ?? "F32",
    seed: o.seed ?? 1,
    std: o.std ?? 0.05,
    chatTemplate: o.chatTemplate,
    corrupt: o.corrupt,
  };
}

function metadata(o: Resolved, vocab: ReturnType<typeof buildSpmByteVocab>): GgufKv[] {
  const kvs: GgufKv[] = [
    { key: "general.architecture", type: "string", value: "llama" },
    { key: "general.name", type: "string", value: o.name },
    { key: "general.file_type", type: "u32", value: FILE_TYPE[o.type] },
    { key: "llama.context_length", type: "u32", value: o.contextLength },
    { key: "llama.embedding_length", type: "u32", value: o.embeddingLength },
    { key: "llama.block_count", type: "u32", value: o.blockCount },
    { key: "llama.feed_forward_length", type: "u32", value: o.feedForwardLength },
    { key: "llama.attention.head_count", type: "u32", value: o.headCount },
    { key: "llama.attention.head_count_kv", type: "u32", value: o.headCountKv },
    { key: "llama.rope.dimension_count", type: "u32", value: o.embeddingLength / o.headCount },
    { key: "llama.attention.layer_norm_rms_epsilon", type: "f32", value: 1e-5 },
    { key: "llama.vocab_size", type: "u32", value: vocab.tokens.length },
    { key: "tokenizer.ggml.model", type: "string", value: "llama" },
    { key: "tokenizer.ggml.tokens", type: "string[]", value: vocab.tokens },
    { key: "tokenizer.ggml.scores", type: "f32[]", value: vocab.scores },
    { key: "tokenizer.ggml.token_type", type: "i32[]", value: vocab.types },
    { key: "tokenizer.ggml.bos_token_id", type: "u32", value: vocab.bos },
    { key: "tokenizer.ggml.eos_token_id", type: "u32", value: vocab.eos },
    { key: "tokenizer.ggml.unknown_token_id", type: "u32", value: vocab.unk },
    { key: "tokenizer.ggml.add_bos_token", type: "bool", value: true },
    { key: "tokenizer.ggml.add_eos_token", type: "bool", value: false },
  ];
  if (o.chatTemplate) kvs.push({ key: "tokenizer.chat_template", type: "string", value: o.chatTemplate });
  const drop = o.corrupt === "missingHeadCount" ? "llama.attention.head_count" : o.corrupt === "missingFeedForward" ? "llama.feed_forward_length" : null;
  return drop ? kvs.filter((k) => k.key !== drop && !(drop.endsWith("head_count") && k.key === "llama.attention.head_count_kv")) : kvs;
}

function llamaTensors(o: Resolved): GgufTensor[] {
  const rng = createRng(o.seed);
  const n = o.embeddingLength;
  const kv = (n / o.headCount) * o.headCountKv;
  const w = (name: string, dims: number[]): GgufTensor => ({ name, dims, type: o.type, fill: (b) => fillWeights(b, o.type, rng, o.std) });
  const norm = (name: string): GgufTensor => ({ name, dims: [n], type: "F32", fill: (b) => fillWeights(b, "F32", rng, 0, 1) });
  const out: GgufTensor[] = [w("token_embd.weight", [n, o.vocabSize]), norm("output_norm.weight"), w("output.weight", [n, o.vocabSize])];
  for (let i = 0; i < o.blockCount; i++) {
    out.push(
      norm(`blk.${i}.attn_norm.weight`),
      w(`blk.${i}.attn_q.weight`, [n, n]),
      w(`blk.${i}.attn_k.weight`, [n, kv]),
      w(`blk.${i}.attn_v.weight`, [n, kv]),
      w(`blk.${i}.attn_output.weight`, [n, n]),
      norm(`blk.${i}.ffn_norm.weight`),
      w(`blk.${i}.ffn_gate.weight`, [n, o.feedForwardLength]),
      w(`blk.${i}.ffn_up.weight`, [n, o.feedForwardLength]),
      w(`blk.${i}.ffn_down.weight`, [o.feedForwardLength, n]),
    );
  }
  return out;
}

function writeGgufLazy(file: string, kvs: GgufKv[], tensors: GgufTensor[], magic?: string): number {
  // An absurd tensor cannot be filled; its info alone is the corruption, so give it no data.
  const fillable = tensors.map((t) => (t.dims.some((d) => d > 2 ** 31) ? { ...t, dims: t.dims, fill: () => {} } : t));
  const huge = fillable.findIndex((t) => t.dims.some((d) => d > 2 ** 31));
  if (huge === -1) return writeGguf(file, kvs, fillable, { magic });
  // Write it with a small shape, then patch the header dims in place.
  const real = fillable[huge]!.dims;
  fillable[huge] = { ...fillable[huge]!, dims: [real[0]!, 1], fill: (b) => b.fill(0) };
  const size = writeGguf(file, kvs, fillable, { magic });
  patchDims(file, fillable[huge]!.name, real);
  return size;
}

function patchDims(file: string, name: string, dims: number[]): void {
  const buf = fs.readFileSync(file);
  const needle = Buffer.concat([u64(Buffer.byteLength(name)), Buffer.from(name)]);
  // Tensor infos come after the metadata; search from the last match of the name (tensor info, not a kv).
  const at = buf.lastIndexOf(needle);
  if (at < 0) throw new Error(`tensor ${name} not found`);
  let p = at + needle.length + 4;
  for (const d of dims) {
    buf.writeBigUInt64LE(BigInt(d), p);
    p += 8;
  }
  fs.writeFileSync(file, buf);
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}
