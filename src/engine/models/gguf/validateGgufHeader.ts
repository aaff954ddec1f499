import type { GgufFileInfo } from "node-llama-cpp";
import { ggmlTensorBytes } from "./ggmlTypeSize.js";

/** Architectures without attention heads or feed-forward sizes (recurrent models). */
const NO_ATTENTION = new Set(["mamba", "mamba2", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7"]);
const MAX_DIM = 2 ** 31;

/**
 * Checks that keep llama.cpp from aborting the process on a bad file (it does on missing head count or
 * feed-forward length and on absurd dimensions) and from reading past the end: required hyperparameters,
 * sane tensor shapes, tensor data inside the file. Returns the first problem in words, or undefined.
 */
export function validateGgufHeader(info: GgufFileInfo, fileSize: number): string | undefined {
  const meta = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const arch = (meta.general as { architecture?: string } | undefined)?.architecture;
  if (!arch) return "no general.architecture in the header";
  const a = (meta[arch] ?? {}) as Record<string, unknown>;
  const attention = (a.attention ?? {}) as Record<string, unknown>;
  const positive = (v: unknown): boolean =>
    (typeof v === "number" && v > 0 && v < MAX_DIM) || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number" && x >= 0 && x < MAX_DIM));
  if (!positive(a.embedding_length)) return `${arch}.embedding_length is missing or out of range`;
  if (!positive(a.block_count)) return `${arch}.block_count is missing or out of range`;
  if (!NO_ATTENTION.has(arch)) {
    if (!positive(attention.head_count)) return `${arch}.attention.head_count is missing or out of range`;
    if (!positive(a.feed_forward_length)) return `${arch}.feed_forward_length is missing or out of range`;
    // Optional, but zero would divide by zero inside llama.cpp.
    if (attention.head_count_kv !== undefined && !positive(attention.head_count_kv)) return `${arch}.attention.head_count_kv is out of range`;
  }
  const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
  if (tensors.length === 0) return "the file has no tensors";
  const dataStart = info.infoEndOffset ?? 0;
  let end = 0;
  for (const t of tensors) {
    const dims = t.dimensions.map(Number);
    if (dims.length === 0 || dims.length > 4 || dims.some((d) => !Number.isFinite(d) || d < 1 || d >= MAX_DIM)) return `tensor ${t.name} has absurd dimensions [${dims.join(", ")}]`;
    const elements = dims.reduce((x, y) => x * y, 1);
    if (elements > 2 ** 40) return `tensor ${t.name} is absurdly large (${elements} elements)`;
    if (t.filePart > 1) continue; // other parts of a split model are checked when present
    const bytes = ggmlTensorBytes(Number(t.ggmlType), elements) ?? 0;
    end = Math.max(end, Number(t.fileOffset ?? dataStart + Number(t.offset)) + bytes);
  }
  if (end > fileSize) return `truncated: tensor data needs ${end} bytes but the file has ${fileSize}`;
  return undefined;
}
