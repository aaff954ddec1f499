import { useAppStore } from "../../store/useAppStore.js";

const W = 320;
const H = 120;

/** Latency per model (p50 / p95 bars) and reward over time (one dot per run), as plain SVG. */
export function KpiCharts(): React.JSX.Element | null {
  const r = useAppStore((s) => s.historyKpis);
  if (!r || r.runs.length === 0) return null;
  const models = r.models.filter((m) => m.p95_ms !== null);
  const maxMs = Math.max(1, ...models.map((m) => m.p95_ms ?? 0));
  const rewards = [...r.runs].reverse().filter((k) => k.reward !== null);
  const t0 = rewards.length ? Date.parse(rewards[0]!.started_at) : 0;
  const t1 = rewards.length ? Date.parse(rewards.at(-1)!.started_at) : 1;
  const x = (t: number): number => 10 + ((t - t0) / Math.max(1, t1 - t0)) * (W - 20);
  const t = r.totals;
  return (
    <div className="card kpi-charts" data-testid="kpi-charts">
      <h3 style={{ marginTop: 0 }}>KPIs</h3>
      <p className="muted">
        {t.runs} runs · first prompt success {t.first_prompt_success ?? "—"} · pass rate after {t.pass_rate_after ?? "—"} · iterations to green {t.mean_iterations_to_green ?? "—"} · mean reward {t.mean_reward ?? "—"}
      </p>
      {models.length ? (
        <figure>
          <figcaption>Latency per model (p50 / p95, ms)</figcaption>
          <svg viewBox={`0 0 ${W} ${models.length * 22 + 4}`} width="100%" role="img" aria-label="latency per model" data-testid="chart-latency">
            {models.map((m, i) => (
              <g key={m.model} transform={`translate(0 ${i * 22 + 2})`}>
                <rect x={110} y={2} height={16} width={((m.p95_ms ?? 0) / maxMs) * (W - 120)} fill="#9db4d9" />
                <rect x={110} y={6} height={8} width={((m.p50_ms ?? 0) / maxMs) * (W - 120)} fill="#2f5fa8" />
                <text x={0} y={14} fontSize={11}>
                  {m.model.slice(0, 16)} {m.p50_ms}/{m.p95_ms}
                </text>
              </g>
            ))}
          </svg>
        </figure>
      ) : null}
      {rewards.length ? (
        <figure>
          <figcaption>Reward over time</figcaption>
          <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="reward over time" data-testid="chart-reward">
            <line x1={10} x2={W - 10} y1={H - 10} y2={H - 10} stroke="#aaa" />
            <polyline fill="none" stroke="#2f5fa8" points={rewards.map((k) => `${x(Date.parse(k.started_at))},${H - 10 - (k.reward ?? 0) * (H - 20)}`).join(" ")} />
            {rewards.map((k) => (
              <circle key={k.run_id} cx={x(Date.parse(k.started_at))} cy={H - 10 - (k.reward ?? 0) * (H - 20)} r={3} fill="#2f5fa8">
                <title>{`${k.started_at}: ${k.reward}`}</title>
              </circle>
            ))}
          </svg>
        </figure>
      ) : null}
    </div>
  );
}
