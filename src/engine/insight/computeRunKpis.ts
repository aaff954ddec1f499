import { KPI_SCHEMA_ID, type RunKpis } from "../../shared/contract/insight.js";
import type { Config } from "../config/ConfigSchema.js";
import type { RunRecord } from "./loadRunRecord.js";
import { modelLatency, type ModelCall } from "./modelLatency.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const r4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10000) / 10000);

/** Data events of one channel, in order. */
function channel(rec: RunRecord, name: string): Obj[] {
  return rec.events.filter((e) => e.type === "data" && e.channel === name).map((e) => obj((e as { data: unknown }).data));
}

function modelCalls(rec: RunRecord): ModelCall[] {
  const result = obj(rec.result);
  let members = channel(rec, "member");
  if (!members.length) members = arr(result.members).map(obj);
  const calls: ModelCall[] = members
    .filter((m) => typeof m.modelId === "string" && typeof m.elapsedMs === "number")
    .map((m) => ({ model: m.modelId as string, elapsedMs: m.elapsedMs as number, ttftMs: numOrNull(m.ttftMs), tokensPerSecond: numOrNull(m.tokensPerSecond) }));
  const metrics = obj(result.metrics);
  if (typeof result.modelId === "string" && typeof metrics.totalMs === "number") {
    calls.push({ model: result.modelId, elapsedMs: metrics.totalMs, ttftMs: numOrNull(metrics.ttftMs), tokensPerSecond: numOrNull(metrics.tokensPerSecond) });
  }
  return calls;
}

/** Test runs as (passRate, green) in order: loop `tests` events, else a verify.test result. */
function testRuns(rec: RunRecord): Array<{ passRate: number; green: boolean }> {
  const runs = channel(rec, "tests");
  if (!runs.length && rec.run.kind === "verify.test" && rec.result) runs.push(obj(rec.result));
  return runs.map((t) => {
    const s = obj(t.summary);
    const reward = obj(t.reward);
    const green = (s.failed as number) === 0 && (s.errors as number) === 0 && ((s.passed as number) ?? 0) > 0 && !t.timedOut;
    return { passRate: numOrNull(reward.passRate) ?? 0, green };
  });
}

function winnerOf(rec: RunRecord): { winner: RunKpis["winner"]; codebleu: RunKpis["codebleu"]; method: string | null; confidence: number | null } {
  const result = obj(rec.result);
  const code = obj(channel(rec, "code").at(-1) ?? result.code);
  const consensus = obj(channel(rec, "consensus").at(-1) ?? result.consensus);
  const ranking = channel(rec, "ranking").at(-1);
  if (typeof code.winner === "number" && code.winner >= 0) {
    const labels = arr(code.labels) as string[];
    const mean = numOrNull(arr(code.meanScores)[code.winner]);
    return {
      winner: { model: labels[code.winner] ?? `#${code.winner}`, score: r4(mean) },
      codebleu: { weights: arr(code.weights).filter((x): x is number => typeof x === "number"), used: arr(code.used).map(String), winner_mean: r4(mean) },
      method: "codebleu-medoid",
      confidence: numOrNull(consensus.confidence),
    };
  }
  if (ranking) {
    const chosen = arr(ranking.candidates).map(obj).find((c) => c.chosen === true);
    if (chosen) return { winner: { model: String(chosen.label), score: numOrNull(chosen.codebleu) }, codebleu: null, method: "tests", confidence: null };
  }
  const sources = arr(consensus.sources).map(String);
  return {
    winner: sources.length === 1 ? { model: sources[0]!, score: numOrNull(consensus.confidence) } : null,
    codebleu: null,
    method: typeof consensus.mode === "string" ? consensus.mode : null,
    confidence: numOrNull(consensus.confidence),
  };
}

function selectorOf(rec: RunRecord, config: Config, calls: ModelCall[]): RunKpis["selector"] {
  const s = channel(rec, "selector").at(-1);
  if (s && typeof s.policy === "string") return { policy: s.policy, decision: arr(s.decision ?? s.chosen).map(String) };
  const input = obj(rec.input);
  const decision = [...new Set(calls.map((c) => c.model).concat(arr(input.models).map(String)))];
  return { policy: config.models.forceModel ? "forced" : config.models.selectorPolicy, decision };
}

function rewardOf(rec: RunRecord): number | null {
  const result = obj(rec.result);
  if (typeof result.reward === "number") return result.reward;
  return numOrNull(obj(result.reward).reward) ?? numOrNull(obj(channel(rec, "attempt").at(-1)?.reward).reward);
}

/** The KPIs of one run, from its event log and result. `digest` is the config digest in force. */
export function computeRunKpis(rec: RunRecord, config: Config, digest: string): RunKpis {
  const calls = modelCalls(rec);
  const tests = testRuns(rec);
  const attempts = channel(rec, "attempt");
  const greenAttempt = attempts.find((a) => a.passed === true);
  const ttfts = calls.map((c) => c.ttftMs).filter((x): x is number => x !== null);
  const tps = calls.map((c) => c.tokensPerSecond).filter((x): x is number => x !== null);
  const w = winnerOf(rec);
  const input = obj(rec.input);
  const sampling = obj(input.sampling);
  const iterations = numOrNull(obj(rec.result).iterations) ?? (attempts.length ? attempts.length : null);
  return {
    schema: KPI_SCHEMA_ID,
    run_id: rec.run.runId,
    kind: rec.run.kind,
    status: rec.run.status,
    started_at: new Date(rec.run.startedAt).toISOString(),
    ended_at: rec.run.endedAt ? new Date(rec.run.endedAt).toISOString() : null,
    duration_ms: rec.run.endedAt ? rec.run.endedAt - rec.run.startedAt : null,
    ttft_ms: ttfts.length ? Math.min(...ttfts) : null,
    tokens_per_s: tps.length ? Math.round((tps.reduce((a, b) => a + b, 0) / tps.length) * 10) / 10 : null,
    latency_by_model: modelLatency(calls),
    first_prompt_success: attempts.length ? attempts[0]!.passed === true : tests.length ? tests[0]!.green : null,
    pass_rate_before: tests.length ? r4(tests[0]!.passRate) : null,
    pass_rate_after: tests.length ? r4(tests.at(-1)!.passRate) : null,
    iterations_to_green: greenAttempt ? (greenAttempt.iteration as number) : tests.findIndex((t) => t.green) >= 0 && !attempts.length ? tests.findIndex((t) => t.green) + 1 : null,
    iterations,
    reward: r4(rewardOf(rec)),
    winner: w.winner,
    consensus_method: w.method,
    consensus_confidence: w.confidence,
    codebleu: w.codebleu,
    sampling: {
      temperature: numOrNull(sampling.temperature) ?? config.sampling.temperature,
      top_p: numOrNull(sampling.topP) ?? config.sampling.topP,
      max_tokens: numOrNull(sampling.maxTokens) ?? config.sampling.maxTokens,
    },
    selector: selectorOf(rec, config, calls),
    config_digest: digest,
  };
}
