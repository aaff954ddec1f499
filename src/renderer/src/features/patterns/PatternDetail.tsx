import { useState } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import { deletePattern, openPattern, sendFeedback } from "./patternsActions.js";

/** One pattern: task, reward, tests, code, feedback, delete. */
export function PatternDetail(): React.JSX.Element | null {
  const p = useAppStore((s) => s.patternDetail);
  const [note, setNote] = useState("");
  if (!p) return null;
  return (
    <section className="card pattern-detail" data-testid="pattern-detail" aria-label="Pattern detail">
      <div className="row">
        <h3 style={{ margin: 0, flex: 1 }}>{p.task}</h3>
        <button onClick={() => void openPattern(null)} aria-label="Close detail">
          ×
        </button>
      </div>
      <p className="muted">
        {p.taskType} · {p.passed ? "tests green" : "not green"} · reward {p.reward?.toFixed(2) ?? "—"} · iteration {p.iteration} · {p.models.join(", ") || "no model"} · {new Date(p.createdAt).toLocaleString()}
      </p>
      {p.tests ? (
        <p>
          Tests ({p.tests.runner}): {p.tests.passed} passed, {p.tests.failed} failed, {p.tests.errors} errors
          {p.tests.failing.length ? (
            <ul>
              {p.tests.failing.map((f) => (
                <li key={f.name}>
                  ✘ {f.name}
                  {f.message ? `: ${f.message}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </p>
      ) : (
        <p className="muted">Not tested.</p>
      )}
      {p.files.map((f) => (
        <div key={f.path}>
          <strong>
            {f.path} ({f.action})
          </strong>
          <pre data-testid="pattern-code">{f.diff}</pre>
        </div>
      ))}
      <div className="row">
        <span>Feedback: {p.feedback.thumbs === "up" ? "👍" : p.feedback.thumbs === "down" ? "👎" : "—"} {p.feedback.note}</span>
      </div>
      <div className="row">
        <input type="text" placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} aria-label="Feedback note" />
        <button onClick={() => void sendFeedback(p.id, "up", note)} data-testid="feedback-up" aria-label="Thumbs up">
          👍
        </button>
        <button onClick={() => void sendFeedback(p.id, "down", note)} data-testid="feedback-down" aria-label="Thumbs down">
          👎
        </button>
        <span className="spacer" />
        <button onClick={() => confirm("Delete this pattern?") && void deletePattern(p.id)} data-testid="pattern-delete">
          Delete
        </button>
      </div>
    </section>
  );
}
