/** Review (diffs, findings, approve/reject, undo) and test results. (Filled in by the verify issue.) */
export function VerifyPanel(): React.JSX.Element {
  return <section className="card" data-testid="verify-panel"><h3>Review &amp; tests</h3><p className="muted">Coming with the verify issue.</p></section>;
}
