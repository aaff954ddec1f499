import type { ModelGateway } from "../../inference/types.js";

/** Counts tokens the way the target model will (or estimates when its tokenizer is unknown). */
export interface TokenCounter {
  kind: "model" | "estimate";
  count(text: string): number | Promise<number>;
}

/** ~4 characters per token: the usual rough figure for English and code. */
export const estimateTokenCounter: TokenCounter = { kind: "estimate", count: (text) => Math.ceil(text.length / 4) };

type Tokenizing = { countTokens?: (modelId: string, text: string) => Promise<number> };

/**
 * The target model's tokenizer when the gateway offers one (an optional `countTokens(modelId, text)`),
 * else the estimate. Without a target model the estimate is used.
 */
export function tokenCounterFor(gateway: ModelGateway, modelId: string | undefined): TokenCounter {
  const g = gateway as ModelGateway & Tokenizing;
  if (!modelId || typeof g.countTokens !== "function") return estimateTokenCounter;
  return { kind: "model", count: (text) => g.countTokens!(modelId, text) };
}
