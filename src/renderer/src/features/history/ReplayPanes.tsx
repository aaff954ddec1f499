import { useMemo } from "react";
import { initialReplayState, replayRun } from "../../../../shared/insight/replayRun.js";
import type { RunEvent } from "../../../../shared/contract/runs.js";
import { useAppStore } from "../../store/useAppStore.js";

/** Step through a run's events; each step shows the prompt, answers, diffs, tests and reward as they were then. */
export function ReplayPanes({ events }: { events: RunEvent[] }): React.JSX.Element {
  const step = useAppStore((s) => s.historyStep);
  const setStep = useAppStore((s) => s.setHistoryStep);
  const states = useMemo(() => replayRun(events), [events]);
  const s = step >= 0 ? states[step]! : initialReplayState();
  const ev = step >= 0 ? events[step] : undefined;
  return (
    <div className="card replay" data-testid="replay">
      <div className="row wrap">
        <h3 style={{ margin: 0 }}>Replay</h3>
        <button onClick={() => setStep(-1)} aria-label="first step">⏮</button>
        <button onClick={() => setStep(step - 1)} aria-label="previous step" data-testid="replay-prev">◀</button>
        <button onClick={() => setStep(step + 1)} aria-label="next step" data-testid="replay-next">▶</button>
        <button onClick={() => setStep(events.length - 1)} aria-label="last step">⏭</button>
        <span data-testid="replay-position">
          step {step + 1} / {events.length}
          {ev ? ` · ${ev.type}${ev.type === "data" ? `: ${ev.channel}` : ""}` : ""}
        </span>
      </div>
      <input type="range" min={-1} max={events.length - 1} value={step} onChange={(e) => setStep(Number(e.target.value))} aria-label="replay step" style={{ width: "100%" }} />
      <div className="replay-grid">
        <section data-testid="replay-stage">
          <h4>Stage</h4>
          <p>
            {s.stage ?? "—"} · iteration {s.iteration} · {s.status}
            {s.outcome ? ` · outcome ${s.outcome}` : ""}
          </p>
        </section>
        <section data-testid="replay-prompt">
          <h4>Prompt</h4>
          {s.prompt ? <pre className="text">{s.prompt}</pre> : <p className="muted">No prompt yet.</p>}
        </section>
        <section data-testid="replay-answers">
          <h4>Answers</h4>
          {s.answers.length ? (
            s.answers.map((a, i) => (
              <details key={i} open={i === s.answers.length - 1}>
                <summary>{a.label}</summary>
                <pre className="text">{a.text}</pre>
              </details>
            ))
          ) : (
            <p className="muted">No answer yet.</p>
          )}
        </section>
        <section data-testid="replay-diffs">
          <h4>Diffs</h4>
          {s.diffs.length ? (
            s.diffs.map((d) => (
              <details key={d.path} open>
                <summary>{d.path}</summary>
                <pre className="diff">
                  {d.diff.split("\n").map((l, i) => (
                    <span key={i} className={l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : undefined}>
                      {l}
                      {"\n"}
                    </span>
                  ))}
                </pre>
              </details>
            ))
          ) : (
            <p className="muted">No diff yet.</p>
          )}
          {s.written.length ? <p>Written: {s.written.join(", ")}</p> : null}
        </section>
        <section data-testid="replay-tests">
          <h4>Tests</h4>
          {s.tests ? (
            <>
              <p>
                <strong>{s.tests.passed}</strong> passed · <strong>{s.tests.failed}</strong> failed · {s.tests.errors} errors · {s.tests.skipped} skipped
              </p>
              {s.tests.failing.length ? <ul>{s.tests.failing.map((f) => <li key={f}>✘ {f}</li>)}</ul> : null}
            </>
          ) : (
            <p className="muted">Not tested yet.</p>
          )}
        </section>
        <section data-testid="replay-reward">
          <h4>Reward</h4>
          <p className="reward">{s.reward === null ? "—" : s.reward.toFixed(2)}</p>
        </section>
      </div>
    </div>
  );
}
