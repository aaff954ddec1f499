import { useEffect, useState } from "react";
import type { ConfigEntry } from "../../../../shared/contract/config.js";
import type { DoctorCheck } from "../../../../shared/contract/system.js";
import { getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";
import { ExportBundleCard } from "./ExportBundleCard.js";

/** Effective configuration with its sources, and doctor diagnostics. */
export function SettingsView(): React.JSX.Element {
  const info = useAppStore((s) => s.info);
  const [entries, setEntries] = useState<ConfigEntry[]>([]);
  const [file, setFile] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [checks, setChecks] = useState<DoctorCheck[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void getClient()
      .then((c) => c.call("config.explain", {}))
      .then((r) => {
        setEntries(r.entries);
        setFile(r.file);
        setProblems(r.problems);
      });
  }, []);

  const runDoctor = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await (await getClient()).call("system.doctor", {});
      setChecks(r.checks);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="view" data-testid="view-settings">
      <h2>Settings</h2>
      <div className="card">
        <div>
          Data folder: <code>{info?.dataDir}</code> {info?.dbReadOnly ? <strong>(database read-only)</strong> : null}
        </div>
        <div>
          Config file: <code>{file}</code> — edit it and restart to change settings; environment variables override it.
        </div>
        {problems.length ? (
          <ul data-testid="config-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <ExportBundleCard />
      <div className="card">
        <div className="row">
          <h3 style={{ margin: 0 }}>Doctor</h3>
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
      <div className="card">
        <h3>Effective configuration</h3>
        <table data-testid="config-table">
          <thead>
            <tr>
              <th>key</th>
              <th>value</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.key}>
                <td>
                  <code>{e.key}</code>
                </td>
                <td>
                  <code>{JSON.stringify(e.value)}</code>
                </td>
                <td>
                  {e.source}
                  {e.source === "env" && e.origin ? ` (${e.origin})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
