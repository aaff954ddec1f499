import { useEffect, useMemo } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import { VerifyPanel } from "../verify/VerifyPanel.js";
import { ConsensusPanel } from "./ConsensusPanel.js";
import { DebateTranscript } from "./DebateTranscript.js";
import { deriveEnsembleView } from "./deriveEnsembleView.js";
import { fetchEnsembleResult } from "./ensembleActions.js";
import { MemberCards } from "./MemberCards.js";
import { PromptPanel } from "./PromptPanel.js";
import { TaskForm } from "./TaskForm.js";
import { LoopForm } from "./loop/LoopForm.js";
import { LoopPanel } from "./loop/LoopPanel.js";

const NO_EVENTS: never[] = [];

/**
 * Task in; either the ensemble alone (answers streaming, consensus, debate, the prompt) or the conductor loop
 * (prompt → code → review → tests → fix prompts until green); the manual review panel below.
 */
export function WorkflowView(): React.JSX.Element {
  const runId = useAppStore((s) => s.ensembleRunId);
  const events = useAppStore((s) => (runId ? (s.runEvents[runId] ?? NO_EVENTS) : NO_EVENTS));
  const result = useAppStore((s) => (runId ? s.ensembleResults[runId] : undefined));
  const startError = useAppStore((s) => s.ensembleError);
  const view = useMemo(() => deriveEnsembleView(events, result), [events, result]);
  const running = view.status === "running";
  const loopRunId = useAppStore((s) => s.loopRunId);
  const loopError = useAppStore((s) => s.loopError);
  const loopRunning = useAppStore((s) => (loopRunId ? s.runs[loopRunId]?.status === "running" : false));

  useEffect(() => {
    if (runId && view.status === "succeeded" && !result) void fetchEnsembleResult(runId);
  }, [runId, view.status, result]);

  return (
    <section className="view" data-testid="view-workflow">
      <h2>Workflow</h2>
      <TaskForm running={running} runId={runId} />
      <LoopForm running={loopRunning} />
      {loopError ? <div className="card" style={{ color: "#a12b2b" }} data-testid="loop-start-error">{loopError}</div> : null}
      {loopRunId ? <LoopPanel runId={loopRunId} /> : null}
      {startError ? <div className="card" style={{ color: "#a12b2b" }} data-testid="workflow-error">{startError}</div> : null}
      {runId && view.status !== "idle" ? (
        <>
          <div className="row muted" style={{ marginBottom: 8 }} data-testid="workflow-status">
            <span>{view.status}</span>
            {view.progress ? <progress value={view.progress.fraction} max={1} /> : null}
            {view.progress?.message ? <span>{view.progress.message}</span> : null}
          </div>
          {view.error ? <div className="card" style={{ color: "#a12b2b" }} data-testid="workflow-error">{view.error}</div> : null}
          {view.turns.length ? <DebateTranscript turns={view.turns} /> : null}
          {view.members.length ? <MemberCards members={view.members} runId={runId} running={running} /> : null}
          {view.consensus ? <ConsensusPanel consensus={view.consensus} code={view.code} /> : null}
          {view.prompt ? <PromptPanel prompt={view.prompt} runId={runId} /> : null}
        </>
      ) : null}
      <VerifyPanel />
    </section>
  );
}
