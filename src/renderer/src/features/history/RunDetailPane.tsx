import type { RunDetail } from "../../../../shared/contract/insight.js";
import { useAppStore } from "../../store/useAppStore.js";
import { deleteRun, rerun } from "./historyActions.js";
import { ReplayPanes } from "./ReplayPanes.js";

const v = (x: unknown): string => (x === null || x === undefined ? "—" : typeof x === "boolean" ? (x ? "yes" : "no") : String(x));

/** One run (or imported case): KPIs, timeline with applies and undos, replay, actions. */
export function RunDetailPane({ d }: { d: RunDetail }): React.JSX.Element {
  const setStep = useAppStore((s) => s.setHistoryStep);
  const k = d.kpis;
  const kpis: Array<[string, string]> = [
    ["TTFT", k.ttft_ms === null ? "—" : `${k.ttft_ms} ms`],
    ["tokens/s", v(k.tokens_per_s)],
    ["first prompt success", v(k.first_prompt_success)],
    ["pass rate", k.pass_rate_before === null ? "—" : `${k.pass_rate_before} → ${k.pass_rate_after}`],
    ["iterations to green", v(k.iterations_to_green)],
    ["reward", v(k.reward)],
    ["winner", k.winner ? `${k.winner.model} (${v(k.winner.score)})` : "—"],
    ["consensus", v(k.consensus_method)],
    ["selector", `${k.selector.policy}: ${k.selector.decision.join(", ") || "—"}`],
    ["config", k.config_digest.slice(0, 12)],
  ];
  const stepOf = (seq: number): number => d.events.findIndex((e) => e.seq >= seq);
  return (
    <div data-testid="run-detail">
      <div className="card">
        <div className="row wrap">
          <h3 style={{ margin: 0 }}>
            {d.run.title ?? d.run.kind} — <span data-testid="run-status">{d.run.status}</span>
          </h3>
          {d.caseId ? (
            <span className="badge" data-testid="case-readonly">
              imported case · read-only
            </span>
          ) : (
            <>
              <button onClick={() => void rerun()} data-testid="run-rerun">
                Re-run
              </button>
              <button onClick={() => void deleteRun(d.run.runId)} data-testid="run-delete" disabled={d.run.status === "running"}>
                Delete
              </button>
            </>
          )}
        </div>
        {d.run.error ? <p>Error: {d.run.error.message}</p> : null}
        <dl className="kpis" data-testid="run-kpis">
          {kpis.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {k.latency_by_model.length ? (
          <ul className="muted">
            {k.latency_by_model.map((m) => (
              <li key={m.model}>
                {m.model}: p50 {v(m.p50_ms)} ms · p95 {v(m.p95_ms)} ms · {v(m.tokens_per_s)} tok/s
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="card">
        <h3 style={{ marginTop: 0 }}>Timeline</h3>
        <ol className="timeline" data-testid="run-timeline">
          {d.timeline.map((t, i) => (
            <li key={i} className={`tl-${t.kind}`} data-kind={t.kind}>
              {t.at !== null ? (
                <time className="muted" dateTime={new Date(t.at).toISOString()} data-testid="timeline-time">
                  {new Date(t.at).toLocaleTimeString()}{" "}
                </time>
              ) : null}
              <button className="link" onClick={() => setStep(stepOf(t.seq))}>
                {t.title}
              </button>
              {t.detail ? <span className="muted"> — {t.detail}</span> : null}
            </li>
          ))}
        </ol>
      </div>
      <ReplayPanes events={d.events} />
    </div>
  );
}
