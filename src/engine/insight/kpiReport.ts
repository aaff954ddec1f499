import type Database from "better-sqlite3";
import type { KpiReport, RunKpis } from "../../shared/contract/insight.js";
import type { Config } from "../config/ConfigSchema.js";
import { computeRunKpis } from "./computeRunKpis.js";
import { loadRunRecord } from "./loadRunRecord.js";
import { modelLatency, type ModelCall } from "./modelLatency.js";

const mean = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10000) / 10000 : null);

/** KPIs of the runs started since `since` (ms epoch), newest first, with per-model figures and totals. */
export function kpiReport(db: Database.Database, config: Config, digest: string, opts: { since?: number; kind?: string; limit?: number }): KpiReport {
  const rows = db
    .prepare(`SELECT id FROM runs WHERE started_at >= ? ${opts.kind ? "AND kind = ?" : ""} ORDER BY started_at DESC LIMIT ?`)
    .all(...[opts.since ?? 0, ...(opts.kind ? [opts.kind] : []), opts.limit ?? 1000]) as Array<{ id: string }>;
  const runs: RunKpis[] = [];
  const calls: ModelCall[] = [];
  for (const { id } of rows) {
    const rec = loadRunRecord(db, id);
    if (!rec) continue;
    const k = computeRunKpis(rec, config, digest);
    runs.push(k);
    // Per-model figures over the period weigh every call, so recompute from the runs' medians weighted by calls.
    for (const m of k.latency_by_model) {
      for (let i = 0; i < m.calls; i++) calls.push({ model: m.model, elapsedMs: m.p50_ms ?? 0, ttftMs: m.ttft_p50_ms, tokensPerSecond: m.tokens_per_s });
    }
  }
  const fps = runs.filter((r) => r.first_prompt_success !== null);
  return {
    since: opts.since ? new Date(opts.since).toISOString() : null,
    runs,
    models: modelLatency(calls),
    totals: {
      runs: runs.length,
      first_prompt_success: fps.length ? mean(fps.map((r) => (r.first_prompt_success ? 1 : 0))) : null,
      pass_rate_after: mean(runs.map((r) => r.pass_rate_after).filter((x): x is number => x !== null)),
      mean_iterations_to_green: mean(runs.map((r) => r.iterations_to_green).filter((x): x is number => x !== null)),
      mean_reward: mean(runs.map((r) => r.reward).filter((x): x is number => x !== null)),
    },
    config_digest: digest,
  };
}
