import { useAppStore } from "../../store/useAppStore.js";
import { proposeNext } from "./projectActions.js";
import { RunProgress } from "./RunProgress.js";

/** Next-feature prompt: an optional goal, then the generated prompt with its path. */
export function ProposePanel(): React.JSX.Element {
  const goal = useAppStore((s) => s.proposeGoal);
  const setGoal = useAppStore((s) => s.setProposeGoal);
  const proposal = useAppStore((s) => s.proposal);
  const runId = useAppStore((s) => s.proposeRunId);
  return (
    <div className="card" data-testid="project-propose">
      <h3>Next feature</h3>
      <div className="row">
        <textarea rows={2} cols={60} placeholder="What do you want next? (empty: suggested from the analysis, or by a local model if one is available)" value={goal} onChange={(e) => setGoal(e.target.value)} />
        <button className="primary" onClick={() => void proposeNext()} data-testid="project-propose-run">
          Propose
        </button>
      </div>
      <RunProgress runId={runId} testId="project-propose-progress" />
      {proposal ? (
        <>
          <p className="muted">
            {proposal.path}
            {proposal.usedModel ? ` · goal suggested by ${proposal.usedModel}` : ""}
          </p>
          <pre data-testid="project-proposal">{proposal.text}</pre>
        </>
      ) : null}
    </div>
  );
}
