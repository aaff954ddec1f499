import type { CodeConsensus, Consensus, FieldAgreement } from "../../../../shared/contract/ensemble.js";

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : `${(x as { path: string }).path}`)).join(" · ") || "—";
  return v === undefined || v === null || v === "" ? "—" : String(v);
}

/** A horizontal gauge: red below 0.4, amber below 0.7, green above. */
function Gauge({ value }: { value: number }): React.JSX.Element {
  const color = value < 0.4 ? "#a12b2b" : value < 0.7 ? "#c99400" : "#1f7a3d";
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
      <div style={{ width: 200, height: 12, background: "#e3e6ec", borderRadius: 6, overflow: "hidden" }} role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={value} aria-label="Confidence">
        <div style={{ width: `${Math.round(value * 100)}%`, height: "100%", background: color }} />
      </div>
      <strong data-testid="consensus-confidence">{Math.round(value * 100)}%</strong>
    </div>
  );
}

function Row({ f }: { f: FieldAgreement }): React.JSX.Element {
  return (
    <tr>
      <td>{f.field}</td>
      <td>{show(f.merged)}</td>
      <td>{Math.round(f.agreement * 100)}%</td>
      <td>{f.dissenters.join(", ") || "—"}</td>
    </tr>
  );
}

function CodeMatrix({ code }: { code: CodeConsensus }): React.JSX.Element {
  return (
    <table data-testid="codebleu-matrix" style={{ marginTop: 8 }}>
      <thead>
        <tr>
          <th>candidate \ reference</th>
          {code.labels.map((l) => (
            <th key={l}>{l}</th>
          ))}
          <th>mean</th>
        </tr>
      </thead>
      <tbody>
        {code.matrix.map((row, i) => (
          <tr key={code.labels[i]} style={i === code.winner ? { fontWeight: 600 } : undefined}>
            <td>{code.labels[i]}{i === code.winner ? " (medoid)" : ""}</td>
            {row.map((v, j) => (
              <td key={j}>{v.toFixed(3)}</td>
            ))}
            <td>{code.meanScores[i]!.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Confidence gauge, consensus table (field, merged value, agreement, who disagreed) and the disagreement list. */
export function ConsensusPanel({ consensus, code }: { consensus: Consensus; code?: CodeConsensus }): React.JSX.Element {
  return (
    <section className="card" data-testid="consensus">
      <div className="row">
        <h3 style={{ margin: 0 }}>Consensus</h3>
        <span className="muted" data-testid="consensus-mode">{consensus.mode}</span>
        <Gauge value={consensus.confidence} />
        <span className="muted">sources: {consensus.sources.join(", ") || "none"}</span>
      </div>
      {consensus.note ? <p className="muted">{consensus.note}</p> : null}
      {consensus.fields.length ? (
        <table data-testid="consensus-table" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>field</th>
              <th>merged</th>
              <th>agreement</th>
              <th>disagreed</th>
            </tr>
          </thead>
          <tbody>
            {consensus.fields.map((f) => (
              <Row key={f.field} f={f} />
            ))}
          </tbody>
        </table>
      ) : null}
      {consensus.disagreements.length ? (
        <ul data-testid="disagreements">
          {consensus.disagreements.map((d, i) => (
            <li key={i}>
              <strong>{d.field}</strong>: {d.members.join(", ")} {d.kind === "differs" ? "said" : d.kind === "only" ? "suggested" : "left out"} “{d.value}”
            </li>
          ))}
        </ul>
      ) : null}
      {code ? <CodeMatrix code={code} /> : null}
    </section>
  );
}
