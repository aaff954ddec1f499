import { fillerWord } from "../../tests/support/gguf/buildSpmByteVocab.js";
import type { ModelGateway } from "../../src/engine/inference/types.js";

/** CodeConductor's embedded figures for one configuration, tokens/s (best of the repetitions). */
export interface EmbeddedResult {
  pp: number;
  tg: number;
  promptTokens: number;
}

/** n one-token words of the synthesized vocabulary ("▁abc" pieces), different for each `salt`. */
export function promptOfTokens(n: number, salt: number): string {
  return Array.from({ length: n }, (_, i) => fillerWord(702 + ((i * 7919 + salt * 104729) % 17000))).join(" ");
}

/**
 * Prompt processing and generation speed through the real gateway (engine → scheduler → worker process →
 * node-llama-cpp), measured like llama-bench: pp = prompt tokens / time to first token (a ~512-token prompt,
 * one token out), tg = tokens after the first / time after the first (a short prompt, like llama-bench's
 * empty one). Each repetition uses a different prompt so no KV-cache prefix is reused. Best of `reps`.
 */
export async function measureEmbedded(gateway: ModelGateway, modelId: string, reps: number, promptTokens = 512, genTokens = 128): Promise<EmbeddedResult> {
  let pp = 0;
  let tg = 0;
  let seenPrompt = 0;
  const budgets = { firstTokenMs: 600_000, idleMs: 600_000, totalMs: 1_200_000 };
  // Warm-up: loads the model and touches every weight once.
  await gateway.generate({ modelId, messages: [{ role: "user", content: "warm up" }], sampling: { maxTokens: 8, seed: 1 } });
  for (let r = 0; r < reps; r++) {
    const p = await gateway.generate({ modelId, messages: [{ role: "user", content: promptOfTokens(promptTokens - 12, r + 1) }], sampling: { maxTokens: 1 }, budgets });
    if (p.metrics.ttftMs && p.metrics.promptTokens) pp = Math.max(pp, (p.metrics.promptTokens * 1000) / p.metrics.ttftMs);
    seenPrompt = p.metrics.promptTokens ?? seenPrompt;
    const g = await gateway.generate({ modelId, messages: [{ role: "user", content: promptOfTokens(4, 1000 + r) }], sampling: { maxTokens: genTokens, seed: r + 1 }, budgets });
    if (g.metrics.tokensPerSecond && (g.metrics.completionTokens ?? 0) >= genTokens / 2) tg = Math.max(tg, g.metrics.tokensPerSecond);
  }
  return { pp, tg, promptTokens: seenPrompt };
}
