import { useAppStore } from "../../store/useAppStore.js";
import { ReviewPane } from "./ReviewPane.js";
import { TestResultsPane } from "./TestResultsPane.js";
import "./verify.css";

/** Review (diffs, findings, approve/reject, undo) and test results (per test, reward breakdown). Rendered in the Workflow view. */
export function VerifyPanel(): React.JSX.Element {
  const project = useAppStore((s) => s.verifyProject);
  const fallback = useAppStore((s) => s.ensembleForm.projectDir);
  const setProject = useAppStore((s) => s.setVerifyProject);
  const error = useAppStore((s) => s.verifyError);
  return (
    <section className="card" data-testid="verify-panel">
      <h3>Review &amp; tests</h3>
      <div className="row">
        <label htmlFor="verify-project">Project folder</label>
        <input id="verify-project" type="text" className="grow" placeholder={fallback || "/path/to/project"} value={project} onChange={(e) => setProject(e.target.value)} data-testid="verify-project" />
      </div>
      {error ? <div className="cc-reason" data-testid="verify-error">{error}</div> : null}
      <ReviewPane />
      <TestResultsPane />
    </section>
  );
}
