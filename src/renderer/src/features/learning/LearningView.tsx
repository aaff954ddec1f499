import { useEffect, useState } from "react";
import type { ModelLatency } from "../../../../shared/contract/insight.js";
import type { ArmState } from "../../../../shared/contract/learning.js";
import { getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";
import { loadStats } from "../patterns/patternsActions.js";
import "../patterns/patterns.css";
import { BucketChart, CurveChart, IterationsChart, ModelSpeedChart, OverTimeChart, PosteriorChart } from "./LearningCharts.js";

function byTaskType(arms: ArmState[]): Array<[string, ArmState[]]> {
  const m = new Map<string, ArmState[]>();
  for (const a of arms) m.set(a.taskType, [...(m.get(a.taskType) ?? []), a]);
  return [...m.entries()];
}

/** Selector state (posteriors per task type), statistics and learning curves, and the last decisions with their reasons. */
export function LearningView(): React.JSX.Element {
  const stats = useAppStore((s) => s.patternStats);
  const status = useAppStore((s) => s.learningStatus);
  const error = useAppStore((s) => s.patternsError);
  const [speed, setSpeed] = useState<ModelLatency[]>([]);
  useEffect(() => {
    void loadStats();
    // Per-model speed comes from the runs' KPIs (the same figures as `codeconductor kpis`).
    void getClient()
      .then((c) => c.call("insight.kpis", {}))
      .then((r) => setSpeed(r.models.filter((m) => m.ttft_p50_ms !== null || m.tokens_per_s !== null)))
      .catch(() => setSpeed([]));
  }, []);
  return (
    <section className="view" data-testid="view-learning">
      <h2>Learning</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {status ? (
        <div className="card" data-testid="learning-status">
          <p>
            Learning <strong>{status.enabled ? "on" : "off"}</strong> · selector <strong>{status.policy}</strong> · {status.patterns} patterns ·{" "}
            {status.ppo.trained ? `PPO trained (${status.ppo.timesteps} steps, mean reward ${status.ppo.meanReward?.toFixed(3)})` : `PPO not trained: ${status.ppo.problem}`}
          </p>
          {status.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </div>
      ) : null}
      <div className="charts">
        {stats && stats.total ? (
          <>
            <OverTimeChart stats={stats} />
            <BucketChart stats={stats} by="perModel" />
            <BucketChart stats={stats} by="perTaskType" />
            <IterationsChart stats={stats} />
          </>
        ) : (
          <p className="muted">No attempts recorded yet.</p>
        )}
        {speed.length ? <ModelSpeedChart models={speed} /> : null}
        {status ? byTaskType(status.arms).map(([t, arms]) => <PosteriorChart key={t} taskType={t} arms={arms} />) : null}
        {status?.curve.length ? <CurveChart curve={status.curve} /> : null}
      </div>
      <h3>Last decisions</h3>
      <div style={{ overflowX: "auto" }}>
        <table data-testid="learning-decisions">
          <thead>
            <tr>
              <th>When</th>
              <th>Policy</th>
              <th>Task type</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {(status?.decisions ?? []).map((d) => (
              <tr key={d.id}>
                <td>{new Date(d.at).toLocaleString()}</td>
                <td>
                  {d.policy}
                  {d.requested !== d.policy ? ` (asked ${d.requested})` : ""}
                </td>
                <td>{d.taskType}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
