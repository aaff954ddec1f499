import { useAppStore } from "../../store/useAppStore.js";
import { cancelProjectRun } from "./projectActions.js";
import { deriveRunState } from "./deriveRunState.js";

/** Progress bar, message and cancel button for one run, or nothing when idle. */
export function RunProgress({ runId, testId }: { runId: string | null; testId: string }): React.JSX.Element | null {
  const events = useAppStore((s) => (runId ? s.runEvents[runId] : undefined));
  if (!runId) return null;
  const st = deriveRunState(events);
  if (st.status === "idle") return null;
  return (
    <div className="row project-progress" data-testid={testId} data-status={st.status}>
      <progress max={1} value={st.status === "succeeded" ? 1 : st.fraction} />
      <span className="muted">{st.status === "running" ? st.message || "Working…" : st.status === "succeeded" ? "Done" : st.error ?? st.status}</span>
      {st.status === "running" ? <button onClick={() => void cancelProjectRun(runId)}>Cancel</button> : null}
      {st.logs.length ? <span className="muted">{st.logs.at(-1)}</span> : null}
    </div>
  );
}
