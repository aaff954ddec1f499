import { useEffect, useMemo, useState } from "react";
import type { TestCase } from "../../../../shared/contract/verify.js";
import { useAppStore } from "../../store/useAppStore.js";
import { deriveTestRunView } from "./deriveTestRunView.js";
import { RewardTable } from "./RewardTable.js";
import { consentAndRun, fetchTestResult, runTests } from "./verifyActions.js";

const NO_EVENTS: never[] = [];
const MARK = { passed: "✔", failed: "✘", error: "✘", skipped: "–" } as const;

/** Run the project's tests in the sandbox; per-test pass/fail with failure output, the reward breakdown, live output. */
export function TestResultsPane(): React.JSX.Element {
  const runId = useAppStore((s) => s.verifyTestRunId);
  const events = useAppStore((s) => (runId ? (s.runEvents[runId] ?? NO_EVENTS) : NO_EVENTS));
  const fetched = useAppStore((s) => (runId ? s.verifyTestResults[runId] : undefined));
  const busy = useAppStore((s) => s.verifyBusy);
  const v = useMemo(() => deriveTestRunView(events, fetched), [events, fetched]);
  const r = v.result;
  useEffect(() => {
    if (runId && v.status === "succeeded" && !fetched) void fetchTestResult(runId);
  }, [runId, v.status, fetched]);
  return (
    <div data-testid="verify-tests">
      <h4>Tests</h4>
      <div className="row">
        <button className="primary" disabled={v.status === "running"} onClick={() => void runTests()} data-testid="verify-run-tests">
          Run tests
        </button>
        {v.status === "running" ? (
          <>
            <progress value={v.progress?.fraction ?? 0} max={1} />
            <span className="muted">{v.progress?.message}</span>
          </>
        ) : null}
      </div>
      {v.needsConsent ? (
        <div className="card cc-consent" data-testid="verify-consent">
          <strong>No sandbox available.</strong> {v.needsConsent.reason}. Running this project's tests unsandboxed gives them your full user rights,
          network and files. Install bubblewrap (see Doctor) or consent for this project only.
          <div className="row">
            <button disabled={busy !== null} onClick={() => void consentAndRun()} data-testid="verify-consent-run">
              Run without sandbox for this project
            </button>
          </div>
        </div>
      ) : v.error ? (
        <div className="cc-reason">{v.error.message}</div>
      ) : null}
      {r ? (
        <>
          <div className="muted">
            {r.runner} · sandbox: {r.sandbox.mode} · {r.summary.passed}/{r.summary.total} passed · {(r.durationMs / 1000).toFixed(1)} s{r.timedOut ? " · TIMED OUT" : ""}
          </div>
          {r.sandbox.notes.map((n) => (
            <div key={n} className="cc-flag">⚠ {n}</div>
          ))}
          {r.testsTampered ? (
            <div className="cc-flag" data-testid="verify-tampered">
              ⚠ Tests changed since the candidate was applied: {r.tamperedFiles.join(", ")}
              {r.acceptedTestChanges ? " (accepted)" : <button onClick={() => void runTests({ acceptTestChanges: true })}>Accept test changes and re-run</button>}
            </div>
          ) : null}
          <RewardTable reward={r.reward} />
          <TestTable tests={r.tests} />
          {!r.perTest || !r.tests.length ? <pre>{r.output.text}</pre> : null}
        </>
      ) : v.output ? (
        <pre data-testid="verify-live-output">{v.output}</pre>
      ) : null}
    </div>
  );
}

function TestTable({ tests }: { tests: TestCase[] }): React.JSX.Element | null {
  const [open, setOpen] = useState<number | null>(null);
  if (!tests.length) return null;
  return (
    <table data-testid="verify-test-table">
      <thead>
        <tr><th /><th>Test</th><th>Where</th><th>ms</th></tr>
      </thead>
      <tbody>
        {tests.map((t, i) => (
          <tr key={i} className={`cc-test-${t.status}`} onClick={() => setOpen(open === i ? null : i)} data-testid="verify-test-row" data-status={t.status}>
            <td>{MARK[t.status]}</td>
            <td>
              {t.suite ? <span className="muted">{t.suite} › </span> : null}
              {t.name}
              {open === i && t.message ? <pre>{t.message}</pre> : null}
            </td>
            <td>{t.file ? `${t.file}${t.line ? `:${t.line}` : ""}` : ""}</td>
            <td>{t.durationMs ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
