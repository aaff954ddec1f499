import { useEffect, useRef } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import "./patterns.css";
import { PatternDetail } from "./PatternDetail.js";
import { PatternFilters } from "./PatternFilters.js";
import { exportPatterns, importPatterns, loadPatterns, openPattern } from "./patternsActions.js";

/** The pattern library: search and filter saved attempts, open one, export/import, delete, give feedback. */
export function PatternsView(): React.JSX.Element {
  const rows = useAppStore((s) => s.patterns);
  const total = useAppStore((s) => s.patternsTotal);
  const capped = useAppStore((s) => s.patternsCapped);
  const error = useAppStore((s) => s.patternsError);
  const message = useAppStore((s) => s.patternsMessage);
  const busy = useAppStore((s) => s.patternsBusy);
  const openId = useAppStore((s) => s.patternDetail?.id);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadPatterns();
  }, []);
  return (
    <section className="view patterns-view" data-testid="view-patterns">
      <h2>Patterns</h2>
      <PatternFilters />
      <div className="row">
        <button onClick={() => void exportPatterns()} data-testid="patterns-export">
          Export…
        </button>
        <button onClick={() => file.current?.click()} data-testid="patterns-import">
          Import…
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="patterns-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importPatterns(f);
            e.target.value = "";
          }}
        />
        {busy ? <span className="muted">working…</span> : null}
        {message ? <span data-testid="patterns-message">{message}</span> : null}
      </div>
      {error ? (
        <p className="error" role="alert" data-testid="patterns-error">
          {error}
        </p>
      ) : null}
      <div className="patterns-layout">
        <div className="table-wrap">
          <table data-testid="patterns-table">
            <thead>
              <tr>
                <th>Task</th>
                <th>Type</th>
                <th>Reward</th>
                <th>Iter.</th>
                <th>Date</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className={p.id === openId ? "selected" : ""} onClick={() => void openPattern(p.id)} data-testid="pattern-row">
                  <td>
                    {p.passed ? "✔" : "✘"} {p.task}
                    {p.snippet ? <div className="muted snippet">{p.snippet}</div> : null}
                  </td>
                  <td>{p.taskType}</td>
                  <td>{p.reward?.toFixed(2) ?? "—"}</td>
                  <td>{p.iteration}</td>
                  <td>{new Date(p.createdAt).toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="patterns-count">
            {rows.length ? `${rows.length} of ${total}${capped ? "+ (newest matches ranked; refine the search)" : ""}` : "No patterns yet: finished loop attempts appear here."}
          </p>
        </div>
        <PatternDetail />
      </div>
    </section>
  );
}
