import type { RunDetail, RunKpis } from "../../shared/contract/insight.js";

const v = (x: unknown): string => (x === null || x === undefined ? "—" : typeof x === "object" ? JSON.stringify(x) : String(x));

/** The KPI lines of one run, for humans. */
export function formatKpis(k: RunKpis): string {
  const lat = k.latency_by_model.map((m) => `    ${m.model}: p50 ${v(m.p50_ms)} ms, p95 ${v(m.p95_ms)} ms, ttft ${v(m.ttft_p50_ms)} ms, ${v(m.tokens_per_s)} tok/s (${m.calls} calls)`);
  return [
    `  ttft ${v(k.ttft_ms)} ms · ${v(k.tokens_per_s)} tok/s · duration ${v(k.duration_ms)} ms`,
    `  first prompt success ${v(k.first_prompt_success)} · pass rate ${v(k.pass_rate_before)} → ${v(k.pass_rate_after)} · iterations to green ${v(k.iterations_to_green)} · reward ${v(k.reward)}`,
    `  winner ${k.winner ? `${k.winner.model} (${v(k.winner.score)})` : "—"} · consensus ${v(k.consensus_method)} · selector ${k.selector.policy}: ${k.selector.decision.join(", ") || "—"}`,
    `  sampling T=${v(k.sampling.temperature)} top_p=${v(k.sampling.top_p)} max_tokens=${v(k.sampling.max_tokens)} · config ${k.config_digest.slice(0, 12)}`,
    ...(lat.length ? ["  latency per model:", ...lat] : []),
  ].join("\n");
}

/** `runs show`: summary, KPIs, timeline (applies and undos included). */
export function formatRunDetail(d: RunDetail): string {
  const r = d.run;
  const head = `${r.runId}  ${r.kind}  ${r.status}${d.caseId ? "  (imported case, read-only)" : ""}\n  ${r.title ?? ""}\n  started ${new Date(r.startedAt).toISOString()}${r.endedAt ? `, ended ${new Date(r.endedAt).toISOString()}` : ""}`;
  // Time of day (UTC, like the start line) when the event recorded it; older logs have none.
  const clock = (at: number | null): string => (at === null ? "        " : new Date(at).toISOString().slice(11, 19));
  const timeline = d.timeline.map((t) => `  ${String(Math.floor(t.seq)).padStart(4)}  ${clock(t.at)}  ${t.kind.padEnd(9)} ${t.title}${t.detail ? ` — ${t.detail}` : ""}`);
  return [head, "KPIs:", formatKpis(d.kpis), "Timeline:", ...timeline].join("\n");
}
