import { useEffect, useState } from "react";
import { RunStatus } from "../../../../shared/contract/runs.js";
import { NoticesList } from "./NoticesList.js";
import { useAppStore } from "../../store/useAppStore.js";
import { importCaseFile, loadHistory, openCase, openRun } from "./historyActions.js";
import { KpiCharts } from "./KpiCharts.js";
import { RunDetailPane } from "./RunDetailPane.js";
import "./history.css";
import { RetentionEditor } from "./RetentionEditor.js";

/** Every run with filters, KPIs, timeline and replay; imported cases open read-only. */
export function HistoryView(): React.JSX.Element {
  const live = useAppStore((s) => s.runs);
  const filters = useAppStore((s) => s.historyFilters);
  const setFilter = useAppStore((s) => s.setHistoryFilter);
  const runs = useAppStore((s) => s.historyRuns);
  const kinds = useAppStore((s) => s.historyKinds);
  const retention = useAppStore((s) => s.historyRetention);
  const cases = useAppStore((s) => s.historyCases);
  const detail = useAppStore((s) => s.historyDetail);
  const error = useAppStore((s) => s.historyError);
  const [file, setFile] = useState("");

  useEffect(() => {
    void loadHistory();
  }, [live, filters]);

  return (
    <section className="view history" data-testid="view-history">
      <h2>History</h2>
      <div className="card filters row wrap" data-testid="history-filters">
        <label>
          Kind
          <select value={filters.kind} onChange={(e) => setFilter("kind", e.target.value)} data-testid="filter-kind">
            <option value="">all</option>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status} onChange={(e) => setFilter("status", e.target.value as RunStatus | "")} data-testid="filter-status">
            <option value="">all</option>
            {RunStatus.options.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Project
          <input value={filters.project} onChange={(e) => setFilter("project", e.target.value)} placeholder="folder contains…" data-testid="filter-project" />
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={(e) => setFilter("from", e.target.value)} data-testid="filter-from" />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={(e) => setFilter("to", e.target.value)} data-testid="filter-to" />
        </label>
      </div>
      {error ? (
        <p className="error" role="alert" data-testid="history-error">
          {error}
        </p>
      ) : null}
      {retention ? <RetentionEditor keepRuns={retention.keepRuns} keepExports={retention.keepExports} /> : null}
      <KpiCharts />
      <div className="history-layout">
        <div className="history-list">
          {runs.length === 0 ? <p className="muted">No runs match.</p> : null}
          <ul data-testid="history-table">
            {runs.map((r) => (
              <li key={r.runId} className={detail?.run.runId === r.runId && !detail.caseId ? "selected" : undefined}>
                <button className="run-item" onClick={() => void openRun(r.runId)} data-testid="history-run" data-run-id={r.runId}>
                  <span className={`status status-${r.status}`}>{r.status}</span> <strong>{r.kind}</strong>
                  <span className="muted"> {new Date(r.startedAt).toLocaleString()}</span>
                  <span className="title">{r.title ?? ""}</span>
                  {r.project ? <span className="muted project">{r.project}</span> : null}
                </button>
              </li>
            ))}
          </ul>
          <h3>Imported cases</h3>
          <div className="row wrap">
            <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="path to codeconductor_case_….zip" data-testid="import-path" />
            <button onClick={() => void importCaseFile(file)} disabled={!file} data-testid="import-case">
              Import case
            </button>
          </div>
          <ul>
            {cases.map((c) => (
              <li key={c.caseId}>
                <button className="run-item" onClick={() => void openCase(c.caseId)} data-testid="history-case">
                  {c.kind} · {c.privacy} <span className="muted">{c.runId.slice(0, 8)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="history-detail">{detail ? <RunDetailPane d={detail} /> : <p className="muted">Select a run to see its timeline, KPIs and replay.</p>}</div>
      </div>
      <NoticesList />
    </section>
  );
}
