import { useEffect, useState } from "react";
import type { RunEvent, RunSummary } from "../../../../shared/contract/runs.js";
import type { Notice } from "../../../../shared/contract/system.js";
import { call } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

/** Past and live runs (selecting one replays its stored events), and the notices raised since start. */
export function HistoryView(): React.JSX.Element {
  const live = useAppStore((s) => s.runs);
  const toasts = useAppStore((s) => s.toasts);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [selected, setSelected] = useState<{ run: RunSummary; events: RunEvent[]; result?: unknown } | null>(null);

  useEffect(() => {
    void call("runs.list", { limit: 100 }).then((r) => setRuns(r.runs));
  }, [live]);
  useEffect(() => {
    void call("system.notices", {}).then((r) => setNotices(r.notices.slice().reverse()));
  }, [toasts]);

  const open = async (runId: string): Promise<void> => setSelected(await call("runs.get", { runId }));

  return (
    <section className="view" data-testid="view-history">
      <h2>History</h2>
      {runs.length === 0 ? <p className="muted">No runs yet.</p> : null}
      <div className="table-scroll">
        <table data-testid="history-table">
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} onClick={() => void open(r.runId)} className="clickable">
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>{r.kind}</td>
                <td>{r.title ?? ""}</td>
                <td>{r.status}</td>
                <td>{r.endedAt ? `${((r.endedAt - r.startedAt) / 1000).toFixed(1)} s` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected ? (
        <div className="card">
          <h3>
            {selected.run.kind} — {selected.run.status}
          </h3>
          {selected.run.error ? <p>Error: {selected.run.error.message}</p> : null}
          <pre>{selected.events.filter((e) => e.type === "log" || e.type === "progress").map((e) => (e.type === "log" ? `[${e.level}] ${e.message}` : e.type === "progress" ? `${Math.round(e.fraction * 100)}% ${e.message ?? ""}` : "")).join("\n")}</pre>
          {selected.result !== undefined ? <pre>{JSON.stringify(selected.result, null, 2).slice(0, 20000)}</pre> : null}
        </div>
      ) : null}
      <h3>Notices</h3>
      {notices.length === 0 ? <p className="muted">No notices since start.</p> : null}
      <ul data-testid="history-notices">
        {notices.map((n, i) => (
          <li key={`${n.at}-${i}`} className={n.level === "error" ? "error-text" : undefined}>
            <span className="muted">{new Date(n.at).toLocaleTimeString()}</span> <strong>{n.title}</strong>
            {n.message ? ` — ${n.message}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
