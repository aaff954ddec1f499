import { useEffect, useState } from "react";
import type { LiveMember } from "./deriveEnsembleView.js";
import { cancelEnsembleMember } from "./ensembleActions.js";

const COLORS: Record<string, string> = {
  pending: "#7a8496",
  running: "#3a7bd5",
  ok: "#1f7a3d",
  repaired: "#8a6d00",
  invalid: "#a12b2b",
  error: "#a12b2b",
  timeout: "#a12b2b",
  cancelled: "#7a8496",
  skipped: "#7a8496",
};

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function MemberCard({ m, runId, now }: { m: LiveMember; runId: string; now: number }): React.JSX.Element {
  const live = m.status === "running" || m.status === "pending";
  const ms = m.result ? m.result.elapsedMs : m.startedAt ? now - m.startedAt : 0;
  return (
    <div className="card" data-testid="member-card" data-status={m.status} data-label={m.spec.label} style={{ flex: "1 1 260px", minWidth: 240, margin: 0 }}>
      <div className="row">
        <strong title={m.spec.modelId}>{m.spec.label}</strong>
        <span className="badge" style={{ background: COLORS[m.status], color: "#fff" }} data-testid="member-status">
          {m.status}
        </span>
        <span className="muted">{(ms / 1000).toFixed(1)} s</span>
        {m.result?.ttftMs != null ? <span className="muted">TTFT {Math.round(m.result.ttftMs)} ms</span> : null}
        <span className="spacer" />
        {live ? (
          <button onClick={() => void cancelEnsembleMember(runId, m.spec.id)} title="Stop this member; the run goes on">
            Stop
          </button>
        ) : null}
      </div>
      {m.result?.error ? <div className="muted" style={{ color: "#a12b2b" }}>{m.result.error.message}</div> : null}
      {m.result?.repairs.length ? <div className="muted">Repaired: {m.result.repairs.join("; ")}</div> : null}
      <pre style={{ maxHeight: 160, whiteSpace: "pre-wrap", wordBreak: "break-word", margin: "6px 0 0" }} data-testid="member-text">
        {m.text || (live ? "…" : "")}
      </pre>
    </div>
  );
}

/** Members side by side, streaming as they answer, with status and timings. */
export function MemberCards({ members, runId, running }: { members: LiveMember[]; runId: string; running: boolean }): React.JSX.Element {
  const now = useNow(running);
  return (
    <div className="row" style={{ alignItems: "stretch", marginBottom: 12 }} data-testid="member-cards">
      {members.map((m) => (
        <MemberCard key={m.spec.id} m={m} runId={runId} now={now} />
      ))}
    </div>
  );
}
