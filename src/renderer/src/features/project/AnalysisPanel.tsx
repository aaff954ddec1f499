import type { AnalyzeSummary } from "../../../../shared/contract/project.js";
import { languageBars } from "./languageBars.js";

function LanguageChart({ languages }: { languages: AnalyzeSummary["languages"] }): React.JSX.Element {
  const bars = languageBars(languages);
  return (
    <div className="lang-chart" data-testid="project-languages">
      {bars.map((b) => (
        <div key={b.language} className="lang-row" title={`${b.files} files, ${b.lines} lines`}>
          <span className="lang-name">{b.language}</span>
          <span className="lang-bar">
            <span style={{ width: `${Math.max(1, b.percent)}%` }} />
          </span>
          <span className="muted">
            {b.percent}% · {b.files} files
          </span>
        </div>
      ))}
    </div>
  );
}

/** What the analysis found: stack, test commands, languages chart, top-ranked files, written files. */
export function AnalysisPanel({ summary }: { summary: AnalyzeSummary }): React.JSX.Element {
  const st = summary.stats;
  return (
    <div className="card" data-testid="project-summary">
      <h3>Analysis</h3>
      <p className="muted">
        {st.filesListed} files · {st.filesParsed} parsed · {st.cacheHits} from cache · {st.durationMs} ms · skipped {st.skipped.ignored} ignored, {st.skipped.binary} binary, {st.skipped.tooLarge} too large
      </p>
      <div className="project-grid">
        <div>
          <h4>Languages</h4>
          <LanguageChart languages={summary.languages} />
          <h4>Stack</h4>
          <ul>
            {summary.frameworks.map((f) => (
              <li key={f.name} title={f.evidence.join("\n")}>
                {f.name} <span className="muted">({f.category})</span>
              </li>
            ))}
            {summary.packageManagers.map((p) => (
              <li key={p.name} title={p.evidence.join("\n")}>
                package manager: {p.name}
              </li>
            ))}
          </ul>
          <h4>Test commands</h4>
          <ul data-testid="project-test-commands">
            {summary.testCommands.length ? summary.testCommands.map((c) => (
              <li key={`${c.cwd}:${c.command}`} title={c.source}>
                <code>{c.command}</code> {c.cwd !== "." ? <span className="muted">in {c.cwd}</span> : null}
              </li>
            )) : <li className="muted">none detected</li>}
          </ul>
        </div>
        <div>
          <h4>Top-ranked files</h4>
          <table data-testid="project-top-files">
            <thead>
              <tr>
                <th>file</th>
                <th>rank</th>
                <th>symbols</th>
              </tr>
            </thead>
            <tbody>
              {summary.topFiles.map((f) => (
                <tr key={f.path}>
                  <td>{f.path}</td>
                  <td>{f.rank.toFixed(4)}</td>
                  <td>{f.symbols}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h4>Written files</h4>
      {summary.previews.map((p) => (
        <details key={p.path} data-testid="project-preview">
          <summary>{p.path}</summary>
          <pre>{p.head}</pre>
        </details>
      ))}
    </div>
  );
}
