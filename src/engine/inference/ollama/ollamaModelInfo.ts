import type { ModelInfo } from "../types.js";

/** One entry of Ollama's /api/tags or /api/ps. */
export interface OllamaTag {
  name: string;
  model?: string;
  size?: number;
  digest?: string;
  details?: { family?: string; parameter_size?: string; quantization_level?: string; format?: string };
}

/** The parts of /api/show we use. */
export interface OllamaShow {
  model_info?: Record<string, unknown>;
  details?: OllamaTag["details"];
}

/** "7.6B" → 7.6e9, "135M" → 1.35e8. */
export function parseParameterSize(s: string | undefined): number | undefined {
  const m = /^([\d.]+)\s*([KMBT])?/i.exec(s ?? "");
  if (!m) return undefined;
  const mult = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[(m[2] ?? "").toUpperCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/** Turn Ollama's tag (+ /api/show when fetched) into a ModelInfo. */
export function ollamaModelInfo(provider: string, url: string, tag: OllamaTag, loaded: boolean, show?: OllamaShow): ModelInfo {
  const info = show?.model_info ?? {};
  const arch = typeof info["general.architecture"] === "string" ? (info["general.architecture"] as string) : tag.details?.family;
  const ctx = arch ? info[`${arch}.context_length`] : undefined;
  const params = info["general.parameter_count"];
  return {
    id: `ollama:${provider}/${tag.name}`,
    backend: "ollama",
    provider,
    name: tag.name,
    status: loaded ? "loaded" : "available",
    sizeBytes: tag.size,
    quantization: tag.details?.quantization_level,
    contextLength: typeof ctx === "number" ? ctx : undefined,
    parameterCount: typeof params === "number" ? params : parseParameterSize(tag.details?.parameter_size),
    architecture: arch,
    source: url,
  };
}
