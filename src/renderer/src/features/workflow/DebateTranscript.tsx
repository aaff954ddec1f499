import type { DebateTurn } from "../../../../shared/contract/ensemble.js";

/** The persona debate, round by round. */
export function DebateTranscript({ turns }: { turns: DebateTurn[] }): React.JSX.Element {
  const rounds = [...new Set(turns.map((t) => t.round))];
  return (
    <section className="card" data-testid="debate">
      <h3 style={{ marginTop: 0 }}>Debate</h3>
      {rounds.map((r) => (
        <div key={r}>
          <h4 style={{ margin: "8px 0 4px" }}>Round {r}</h4>
          {turns
            .filter((t) => t.round === r)
            .map((t) => (
              <div key={`${t.round}-${t.agent}`} data-testid="debate-turn" style={{ marginBottom: 6 }}>
                <strong>{t.agent}</strong> <span className="muted">({t.modelId}, {(t.elapsedMs / 1000).toFixed(1)} s{t.status === "ok" ? "" : `, ${t.status}`})</span>
                <div style={{ whiteSpace: "pre-wrap" }}>{t.content || <em className="muted">{t.error ?? "no answer"}</em>}</div>
              </div>
            ))}
        </div>
      ))}
    </section>
  );
}
