import { useState } from "react";
import type { DoctorCheck } from "../../../../shared/contract/system.js";
import { call } from "../../api/client.js";

/** Run the doctor's checks and list them with a fix for each failure. */
export function DoctorPanel(): React.JSX.Element {
  const [checks, setChecks] = useState<DoctorCheck[] | null>(null);
  const [busy, setBusy] = useState(false);
  const runDoctor = async (): Promise<void> => {
    setBusy(true);
    try {
      setChecks((await call("system.doctor", {})).checks);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <div className="row">
        <h3 className="flush">Doctor</h3>
        <button className="primary" onClick={() => void runDoctor()} disabled={busy} data-testid="run-doctor">
          {busy ? "Checking…" : "Run checks"}
        </button>
      </div>
      {checks ? (
        <table data-testid="doctor-results">
          <tbody>
            {checks.map((c) => (
              <tr key={c.id}>
                <td>{c.status === "ok" ? "✔" : c.status === "fail" ? "✘" : "!"}</td>
                <td>{c.title}</td>
                <td>
                  {c.detail}
                  {c.fix && c.status !== "ok" ? <div className="muted">Fix: {c.fix}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
