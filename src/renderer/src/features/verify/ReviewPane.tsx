import { useAppStore } from "../../store/useAppStore.js";
import { FileReview } from "./FileReview.js";
import { selectApproved } from "./selectApproved.js";
import { applySelected, planAnswer, rejectPlan, undoLast } from "./verifyActions.js";

/** Above the reviewed files: approve and apply, or, once applied, what was written. */
function PlanBar({ files, selected }: { files: number; selected: number }): React.JSX.Element {
  const setAll = useAppStore((s) => s.setVerifyAllApprovals);
  const busy = useAppStore((s) => s.verifyBusy);
  const result = useAppStore((s) => s.verifyPlanResult);
  if (result) {
    return (
      <div className="row cc-plan-bar" data-testid="verify-applied">
        <strong>
          Applied {result.applyId}: {result.written.length} written, {result.skipped.length} skipped
        </strong>
        <button onClick={rejectPlan} data-testid="verify-dismiss">Close review</button>
      </div>
    );
  }
  return (
    <div className="row cc-plan-bar">
      <span>
        {files} file(s), {selected} approved
      </span>
      <button onClick={() => setAll(true)} data-testid="verify-approve-all">Approve all</button>
      <button onClick={() => setAll(false)}>Approve none</button>
      <button className="primary" disabled={busy !== null || selected === 0} onClick={() => void applySelected()} data-testid="verify-apply">
        Apply {selected} file(s)
      </button>
      <button onClick={rejectPlan} data-testid="verify-reject">Reject</button>
    </div>
  );
}

/** Paste (or take from the clipboard) an AI answer, review every file as a diff with findings, approve, apply, undo. */
export function ReviewPane(): React.JSX.Element {
  const answer = useAppStore((s) => s.verifyAnswer);
  const setAnswer = useAppStore((s) => s.setVerifyAnswer);
  const plan = useAppStore((s) => s.verifyPlan);
  const approvals = useAppStore((s) => s.verifyApprovals);
  const protectedOk = useAppStore((s) => s.verifyProtectedOk);
  const busy = useAppStore((s) => s.verifyBusy);
  const last = useAppStore((s) => s.verifyLastApply);
  const result = useAppStore((s) => s.verifyPlanResult);
  const selected = plan ? selectApproved(plan, approvals, protectedOk).approve.length : 0;
  return (
    <div data-testid="verify-review">
      <h4>Review</h4>
      <textarea rows={6} className="cc-answer" placeholder="Paste the AI answer (fenced blocks with paths, SEARCH/REPLACE blocks, a V4A patch or a unified diff)…" value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="verify-answer" />
      <div className="row">
        <button className="primary" disabled={busy !== null || !answer.trim()} onClick={() => void planAnswer()} data-testid="verify-plan">
          Review answer
        </button>
        <button disabled={busy !== null} onClick={() => void planAnswer(true)}>
          From clipboard
        </button>
        <button disabled={busy !== null} onClick={() => void undoLast()} data-testid="verify-undo">
          Undo last apply
        </button>
        {last ? <span className="muted">Last apply {last.applyId}: {last.written.join(", ")}</span> : null}
      </div>
      {plan ? (
        <>
          <PlanBar files={plan.files.length} selected={selected} />
          {plan.touchesTests ? <div className="cc-flag">⚠ This answer changes tests: the next run counts as tampered (reward 0) unless you accept it.</div> : null}
          {plan.notes.map((n) => (
            <div key={n} className="muted">{n}</div>
          ))}
          {(plan.failures ?? []).map((x, i) => (
            <div key={`f${i}`} className="cc-reason" data-testid="verify-failure">
              {x.path}: {x.message}
              {x.closest ? (
                <>
                  <div className="muted">
                    Closest lines {x.closest.startLine}–{x.closest.endLine} (similarity {x.closest.similarity}):
                  </div>
                  <pre>{x.closest.text}</pre>
                </>
              ) : null}
            </div>
          ))}
          {plan.unmapped.map((u, i) => (
            <div key={`u${i}`} className="cc-reason" data-testid="verify-unmapped">
              Block {u.block + 1}{u.language ? ` (${u.language})` : ""} not applied: {u.reason}
              <pre>{u.preview}</pre>
            </div>
          ))}
          {plan.files.map((f) => (
            <FileReview key={f.path} file={f} result={result} />
          ))}
        </>
      ) : null}
    </div>
  );
}
