import type { ModelInfo } from "../types.js";

/** An entry of /v1/models with the extras vLLM (`max_model_len`) and llama.cpp server (`meta`) add. */
export interface OpenAIModelEntry {
  id: string;
  owned_by?: string;
  max_model_len?: number;
  meta?: { n_ctx_train?: number; n_params?: number; size?: number };
}

/** An entry of LM Studio's REST /api/v1/models. */
export interface LmStudioModel {
  key: string;
  type?: string;
  architecture?: string;
  quantization?: { name?: string } | string;
  size_bytes?: number;
  params_string?: string;
  max_context_length?: number;
  loaded_instances?: Array<{ id: string; config?: { context_length?: number } }>;
}

/** Merge what /v1/models and (for LM Studio) /api/v1/models say about one model. */
export function openaiModelInfo(provider: string, url: string, entry: OpenAIModelEntry, lms?: LmStudioModel): ModelInfo {
  const quant = typeof lms?.quantization === "string" ? lms.quantization : lms?.quantization?.name;
  const loadedCtx = lms?.loaded_instances?.[0]?.config?.context_length;
  return {
    id: `openai:${provider}/${entry.id}`,
    backend: "openai",
    provider,
    name: entry.id,
    // Without LM Studio's REST view a listed model is servable (JIT-loaded or already loaded).
    status: lms ? (lms.loaded_instances?.length ? "loaded" : "available") : "available",
    sizeBytes: lms?.size_bytes ?? entry.meta?.size,
    quantization: quant,
    contextLength: loadedCtx ?? lms?.max_context_length ?? entry.max_model_len ?? entry.meta?.n_ctx_train,
    parameterCount: entry.meta?.n_params,
    architecture: lms?.architecture,
    source: url,
  };
}
