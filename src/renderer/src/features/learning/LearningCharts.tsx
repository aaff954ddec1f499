import { Bar, BarChart, CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ModelLatency } from "../../../../shared/contract/insight.js";
import type { ArmState, PatternStats } from "../../../../shared/contract/learning.js";

const H = 220;

function Chart({ title, testId, children }: { title: string; testId: string; children: React.ReactElement }): React.JSX.Element {
  return (
    <div className="card" data-testid={testId}>
      <h3>{title}</h3>
      <div style={{ width: "100%", height: H }}>
        <ResponsiveContainer width="100%" height={H}>
          {children}
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** Success rate and mean reward per day. */
export function OverTimeChart({ stats }: { stats: PatternStats }): React.JSX.Element {
  const data = stats.overTime.map((b) => ({ day: b.key.slice(5), success: b.successRate, reward: b.meanReward }));
  return (
    <Chart title="Success rate and mean reward over time" testId="chart-over-time">
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis domain={[0, 1]} />
        <Tooltip />
        <Line type="monotone" dataKey="success" name="success rate" stroke="#1f7a3d" isAnimationActive={false} />
        <Line type="monotone" dataKey="reward" name="mean reward" stroke="#3a7bd5" isAnimationActive={false} />
      </LineChart>
    </Chart>
  );
}

/** Success rate per model or per task type. */
export function BucketChart({ stats, by }: { stats: PatternStats; by: "perModel" | "perTaskType" }): React.JSX.Element {
  const data = stats[by].map((b) => ({ key: b.key.split("/").at(-1), success: b.successRate, attempts: b.attempts }));
  return (
    <Chart title={by === "perModel" ? "Success rate per model" : "Success rate per task type"} testId={`chart-${by}`}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="key" />
        <YAxis domain={[0, 1]} />
        <Tooltip />
        <Bar dataKey="success" name="success rate" fill="#3a7bd5" isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

/** Time to first token (median) and generation speed per model, from the runs' own measurements (`insight.kpis`). */
export function ModelSpeedChart({ models }: { models: ModelLatency[] }): React.JSX.Element {
  const data = models.map((m) => ({ key: m.model.split("/").at(-1), ttft: m.ttft_p50_ms, tps: m.tokens_per_s, calls: m.calls }));
  return (
    <Chart title="Speed per model: TTFT (ms, median) and tokens/s" testId="chart-model-speed">
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="key" />
        <YAxis yAxisId="ms" orientation="left" />
        <YAxis yAxisId="tps" orientation="right" />
        <Tooltip />
        <Bar yAxisId="ms" dataKey="ttft" name="TTFT p50 (ms)" fill="#b36b00" isAnimationActive={false} />
        <Bar yAxisId="tps" dataKey="tps" name="tokens/s" fill="#3a7bd5" isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

export function IterationsChart({ stats }: { stats: PatternStats }): React.JSX.Element {
  return (
    <Chart title="Iterations to green" testId="chart-iterations">
      <BarChart data={stats.iterationsToGreen}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="iterations" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="runs" name="runs" fill="#1f7a3d" isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

/** Posterior mean ± one standard deviation per model, for one task type. */
export function PosteriorChart({ taskType, arms }: { taskType: string; arms: ArmState[] }): React.JSX.Element {
  const data = arms.map((a) => ({ model: a.model.split("/").at(-1), mean: a.mean, sd: a.sd }));
  return (
    <Chart title={`Bandit posteriors: ${taskType}`} testId={`chart-posterior-${taskType}`}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="model" />
        <YAxis domain={[0, 1]} />
        <Tooltip />
        <Bar dataKey="mean" name="posterior mean" fill="#8a6d00" isAnimationActive={false}>
          <ErrorBar dataKey="sd" width={6} stroke="#333" />
        </Bar>
      </BarChart>
    </Chart>
  );
}

export function CurveChart({ curve }: { curve: number[] }): React.JSX.Element {
  return (
    <Chart title="PPO learning curve (mean episode reward per update)" testId="chart-ppo-curve">
      <LineChart data={curve.map((r, i) => ({ update: i + 1, reward: r }))}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="update" />
        <YAxis />
        <Tooltip />
        <Line type="monotone" dataKey="reward" stroke="#3a7bd5" dot={false} isAnimationActive={false} />
      </LineChart>
    </Chart>
  );
}
