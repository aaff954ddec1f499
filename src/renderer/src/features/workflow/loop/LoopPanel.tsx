import "./loop.css";
import { useMemo, useState } from "react";
import { useAppStore } from "../../../store/useAppStore.js";
import { FileReview } from "../../verify/FileReview.js";
import { selectApproved } from "../../verify/selectApproved.js";
import { RewardTable } from "../../verify/RewardTable.js";
import { deriveLoopView, STAGES } from "./deriveLoopView.js";
import { approveLoop, cancelLoop, captureAnswer, copyLoopPrompt, rejectLoop, stopEverything, testLoopNow } from "./loopActions.js";

const NO_EVENTS: never[] = [];

/** The live loop: stepper, what it waits for, the prompt, the detected code with its diff, approval, tests, timeline. */
export function LoopPanel({ runId }: { runId: string }): React.JSX.Element {
  const events = useAppStore((s) => s.runEvents[runId] ?? NO_EVENTS);
  const v = useMemo(() => deriveLoopView(events), [events]);
  const [paste, setPaste] = useState("");
  const running = v.status === "running";
  const files = v.candidate?.plan.files.filter((f) => f.action !== "none") ?? [];
  // The ticks for the candidate on screen: every applicable file starts ticked, protected ones unconfirmed; a new
  // candidate (new plan) starts over.
  const planId = v.candidate?.plan.planId ?? "";
  const [ticks, setTicks] = useState<{ planId: string; approved: Record<string, boolean>; confirmed: Record<string, boolean> }>({ planId: "", approved: {}, confirmed: {} });
  const current = ticks.planId === planId ? ticks : { planId, approved: Object.fromEntries(files.map((f) => [f.path, f.status !== "rejected"])), confirmed: {} };
  const choiceFor = (path: string) => ({
    approved: !!current.approved[path],
    confirmed: !!current.confirmed[path],
    setApproval: (p: string, on: boolean) => setTicks({ ...current, approved: { ...current.approved, [p]: on } }),
    setProtectedOk: (p: string, on: boolean) => setTicks({ ...current, confirmed: { ...current.confirmed, [p]: on } }),
  });
  const selection = v.candidate ? selectApproved(v.candidate.plan, current.approved, current.confirmed) : { approve: [], confirmProtected: [] };
  return (
    <div data-testid="loop-panel" data-status={v.status} data-stage={v.stage ?? ""}>
      <div className="card">
        <ol className="stepper" data-testid="loop-stepper">
          {STAGES.map((s) => (
            <li key={s} className={s === v.stage ? "current" : STAGES.indexOf(s) < STAGES.indexOf(v.stage ?? "explore") ? "past" : ""}>
              {s.replace("_", " ")}
            </li>
          ))}
        </ol>
        <div className="row wrap" style={{ marginTop: 8 }}>
          <span data-testid="loop-status">
            {v.status}
            {v.iteration ? ` · attempt ${v.iteration}` : ""}
          </span>
          {running ? <progress value={v.progress} max={1} /> : null}
          <span className="spacer" />
          {running ? (
            <>
              <button onClick={() => void copyLoopPrompt(runId)} data-testid="loop-copy">Copy prompt</button>
              <button onClick={() => void testLoopNow(runId)} title="watch generator: test now">Test now</button>
              <button onClick={() => void cancelLoop(runId)} data-testid="loop-cancel">Abandon</button>
              <button className="danger" onClick={() => void stopEverything()} data-testid="loop-stop">Stop all</button>
            </>
          ) : null}
        </div>
        {v.hint ? (
          <p className="muted" data-testid="loop-hint">
            {v.hint}
          </p>
        ) : null}
        {v.result ? (
          <p data-testid="loop-result" className={v.result.outcome === "green" ? "ok" : "warn"}>
            {v.result.outcome === "green" ? "✔ " : "✘ "}
            {v.result.message}
          </p>
        ) : null}
        {v.error ? <p className="warn" data-testid="loop-error">{v.error}</p> : null}
      </div>
      {running && v.stage === "await_code" ? (
        <div className="card">
          <label htmlFor="loop-paste">
            <strong>Paste the answer</strong> <span className="muted">(or leave empty to take the clipboard now)</span>
          </label>
          <textarea id="loop-paste" rows={3} style={{ width: "100%", boxSizing: "border-box" }} value={paste} onChange={(e) => setPaste(e.target.value)} data-testid="loop-paste" />
          <button onClick={() => void captureAnswer(runId, paste).then(() => setPaste(""))} data-testid="loop-capture">Use this answer</button>
        </div>
      ) : null}
      {v.candidate ? (
        <div className="card" data-testid="loop-candidate">
          <div className="row wrap">
            <strong>Detected code</strong>
            <span className="muted">
              from {v.candidate.source}: {files.map((f) => f.path).join(", ") || "no applicable file"}
            </span>
            <span className="spacer" />
            {v.awaitingApproval ? (
              <>
                <button className="primary" disabled={!selection.approve.length} title={selection.approve.length ? undefined : "Tick at least one file"} onClick={() => void approveLoop(runId, selection)} data-testid="loop-approve">
                  {selection.approve.length < files.filter((f) => f.status !== "rejected").length ? `Approve ${selection.approve.length} file(s) & test` : "Approve & test"}
                </button>
                <button onClick={() => void rejectLoop(runId)} data-testid="loop-reject">Reject</button>
              </>
            ) : null}
          </div>
          {v.reviews.filter((r) => r.findings.length).map((r) => (
            <div key={r.by} data-testid="loop-review">
              <span className="muted">Review by {r.by}:</span>
              <ul>
                {r.findings.map((f, i) => (
                  <li key={i} className={f.severity === "error" ? "error" : f.severity === "warning" ? "warn" : ""}>
                    {f.message}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {v.candidate.failures.length ? (
            <ul className="warn">
              {v.candidate.failures.map((f, i) => (
                <li key={i}>{f.reason}</li>
              ))}
            </ul>
          ) : null}
          <div className="scroll-x">
            {files.map((f) => (
              <FileReview key={f.path} file={f} choice={choiceFor(f.path)} />
            ))}
          </div>
        </div>
      ) : null}
      {v.tests ? (
        <div className="card" data-testid="loop-tests">
          <strong>
            Tests ({v.tests.runner}): {v.tests.summary.passed}/{v.tests.summary.total} passed
          </strong>
          <ul>
            {v.tests.tests
              .filter((t) => t.status === "failed" || t.status === "error")
              .slice(0, 20)
              .map((t) => (
                <li key={`${t.file}:${t.name}`}>
                  ✘ {t.name} {t.file ? <span className="muted">({t.file}{t.line ? `:${t.line}` : ""})</span> : null}
                </li>
              ))}
          </ul>
          <RewardTable reward={v.tests.reward} />
        </div>
      ) : null}
      {v.prompt ? (
        <details className="card" open={v.prompt.kind === "fix"} data-testid="loop-prompt">
          <summary>
            {v.prompt.kind === "fix" ? `Fix prompt (attempt ${v.prompt.iteration})` : "Prompt for Cursor"}
          </summary>
          <pre className="prompt-text">{v.prompt.text}</pre>
        </details>
      ) : null}
      {v.similar.length ? (
        <details className="card" data-testid="loop-similar">
          <summary>Similar past solutions ({v.similar.length})</summary>
          <ul>
            {v.similar.map((p) => (
              <li key={p.id}>
                {p.task} <span className="muted">reward {p.reward?.toFixed(2) ?? "—"}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {v.explored.length ? (
        <details className="card">
          <summary>Relevant files ({v.explored.length})</summary>
          <ul>
            {v.explored.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> <span className="muted">{f.reasons.join("; ")}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details className="card" data-testid="loop-timeline">
        <summary>Timeline ({v.timeline.length})</summary>
        <ol>
          {v.timeline.map((t) => (
            <li key={t.seq} className={t.level === "info" ? "" : t.level}>
              <span className="muted">#{t.iteration}</span> {t.text}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
