import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { scanGgufHeader } from "./scanGgufHeader.js";
import { validateGgufHeader } from "./validateGgufHeader.js";

/** What we show about a GGUF file without loading it. */
export interface GgufMeta {
  sizeBytes: number;
  architecture?: string;
  /** `general.name`. */
  displayName?: string;
  parameterCount?: number;
  quantization?: string;
  contextLength?: number;
  hasChatTemplate: boolean;
  /** Rough RAM need at `contextSize`: weights + f16 KV cache + 64 MiB of compute buffers. */
  memoryEstimateBytes?: number;
  /** Set when the file must not be loaded. */
  problem?: string;
}

const BIG_KEYS = ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"];

/**
 * Read a GGUF header with node-llama-cpp's `readGgufFileInfo` (only the header bytes, the model is not
 * loaded) and validate it. Never throws for bad files: they come back with `problem` set.
 */
export async function readGgufMeta(file: string, contextSize: number, signal?: AbortSignal): Promise<GgufMeta> {
  const st = await fs.promises.stat(file);
  if (st.size === 0) return { sizeBytes: 0, hasChatTemplate: false, problem: "empty file (0 bytes)" };
  // node-llama-cpp's reader allocates whatever the header claims (2^40-element arrays crash the process):
  // every count and length is checked against the file first.
  const hostile = scanHeaderParts(file);
  if (hostile) return { sizeBytes: st.size, hasChatTemplate: false, problem: hostile };
  // Lazy: node-llama-cpp's JS takes ~0.3 s to import and most commands never need it.
  const { readGgufFileInfo } = await import("node-llama-cpp");
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(file, { logWarnings: false, ignoreKeys: BIG_KEYS, signal, spliceSplitFiles: true });
  } catch (err) {
    if (signal?.aborted) throw new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err });
    const msg = (err as Error).message ?? String(err);
    return { sizeBytes: st.size, hasChatTemplate: false, problem: /magic/i.test(msg) ? "not a GGUF file (wrong magic bytes)" : `unreadable GGUF header: ${msg}` };
  }
  const problem = validateGgufHeader(info, st.size);
  const general = (info.metadata.general ?? {}) as { name?: string; file_type?: number; size_label?: string };
  const arch = info.architectureMetadata as Record<string, unknown>;
  const parameterCount = (info.fullTensorInfo ?? []).reduce((n, t) => n + t.dimensions.reduce<number>((x, y) => x * Number(y), 1), 0) || undefined;
  const contextLength = typeof arch.context_length === "number" ? arch.context_length : undefined;
  return {
    sizeBytes: st.size,
    architecture: info.metadata.general?.architecture,
    displayName: general.name,
    parameterCount,
    quantization: quantName(general.file_type),
    contextLength,
    hasChatTemplate: typeof (info.metadata.tokenizer as { chat_template?: unknown } | undefined)?.chat_template === "string",
    memoryEstimateBytes: problem ? undefined : estimateMemory(st.size, arch, Math.min(contextSize, contextLength ?? contextSize)),
    ...(problem ? { problem } : {}),
  };
}

/** Scan the file and, for a split model (`-00001-of-00003.gguf`), its other parts too: the reader splices them. */
function scanHeaderParts(file: string): string | null {
  const m = /-(\d{5})-of-(\d{5})\.gguf$/i.exec(file);
  const parts = m ? Array.from({ length: Number(m[2]) }, (_, i) => file.replace(/-\d{5}-of-(\d{5})\.gguf$/i, `-${String(i + 1).padStart(5, "0")}-of-$1.gguf`)) : [file];
  for (const part of parts) {
    if (!fs.existsSync(part)) continue;
    const problem = scanGgufHeader(part);
    if (problem) return part === file ? problem : `${path.basename(part)}: ${problem}`;
  }
  return null;
}

function estimateMemory(fileSize: number, arch: Record<string, unknown>, ctx: number): number {
  const n = (v: unknown): number => (typeof v === "number" ? v : Array.isArray(v) ? Math.max(...(v as number[])) : 0);
  const att = (arch.attention ?? {}) as Record<string, unknown>;
  const embd = n(arch.embedding_length);
  const heads = n(att.head_count) || 1;
  const kvHeads = n(att.head_count_kv) || heads;
  const kvDim = (embd / heads) * kvHeads;
  return fileSize + 2 * n(arch.block_count) * ctx * kvDim * 2 + 64 * 2 ** 20;
}

/** `general.file_type` (llama_ftype) as the quantization name users know. */
function quantName(ft: number | undefined): string | undefined {
  const names: Record<number, string> = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L",
    14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
    36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4",
  };
  return ft === undefined ? undefined : (names[ft] ?? `type ${ft}`);
}
