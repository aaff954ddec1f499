import type { ModelLatency } from "../../shared/contract/insight.js";
import { percentile } from "./percentile.js";

/** One model call as measured by the engine (elapsed, first token, speed). */
export interface ModelCall {
  model: string;
  elapsedMs: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
}

const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/** p50/p95 latency, median TTFT and mean tokens/s per model, sorted by model id. */
export function modelLatency(calls: ModelCall[]): ModelLatency[] {
  const by = new Map<string, ModelCall[]>();
  for (const c of calls) by.set(c.model, [...(by.get(c.model) ?? []), c]);
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, cs]) => {
      const tps = cs.map((c) => c.tokensPerSecond).filter((x): x is number => x !== null);
      return {
        model,
        calls: cs.length,
        p50_ms: r1(percentile(cs.map((c) => c.elapsedMs), 50)),
        p95_ms: r1(percentile(cs.map((c) => c.elapsedMs), 95)),
        ttft_p50_ms: r1(percentile(cs.map((c) => c.ttftMs).filter((x): x is number => x !== null), 50)),
        tokens_per_s: tps.length ? r1(tps.reduce((a, b) => a + b, 0) / tps.length) : null,
      };
    });
}
