import { useEffect } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import { AnalysisPanel } from "./AnalysisPanel.js";
import { analyzeProject, loadRecentProjects } from "./projectActions.js";
import { ProposePanel } from "./ProposePanel.js";
import { RulesPanel } from "./RulesPanel.js";
import { RunProgress } from "./RunProgress.js";
import "./project.css";

/** Project view: pick a folder, analyze it, then generate Cursor rules and a next-feature prompt. */
export function ProjectView(): React.JSX.Element {
  const path = useAppStore((s) => s.projectPath);
  const setPath = useAppStore((s) => s.setProjectPath);
  const recent = useAppStore((s) => s.recentProjects);
  const summary = useAppStore((s) => s.summary);
  const analyzeRunId = useAppStore((s) => s.analyzeRunId);
  const error = useAppStore((s) => s.projectError);
  useEffect(() => void loadRecentProjects(), []);
  return (
    <section className="view project-view">
      <h2>Project</h2>
      <div className="card">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void analyzeProject();
          }}
        >
          <label htmlFor="project-path">Folder</label>
          <input id="project-path" type="text" size={60} list="project-recent" placeholder="/path/to/your/project" value={path} onChange={(e) => setPath(e.target.value)} data-testid="project-path" />
          <datalist id="project-recent">
            {recent.map((r) => (
              <option key={r.root} value={r.root} />
            ))}
          </datalist>
          <button className="primary" type="submit" disabled={!path.trim()} data-testid="project-analyze">
            Analyze
          </button>
        </form>
        <RunProgress runId={analyzeRunId} testId="project-analyze-progress" />
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {summary ? (
        <>
          <AnalysisPanel summary={summary} />
          <RulesPanel />
          <ProposePanel />
        </>
      ) : (
        <p className="muted">Type a project folder and press Analyze. Nothing leaves this machine.</p>
      )}
    </section>
  );
}
