import { useEffect, useState } from "react";
import type { ConfigEntry } from "../../../../shared/contract/config.js";
import { call } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";
import { DoctorPanel } from "./DoctorPanel.js";
import { SettingRow } from "./SettingRow.js";
import { ExportBundleCard } from "./ExportBundleCard.js";

/** Where the settings live, and the problems found in them at start. */
function ConfigFileCard(p: { dataDir?: string; dbReadOnly?: boolean; file: string; problems: string[] }): React.JSX.Element {
  return (
    <div className="card">
      <div>
        Data folder: <code>{p.dataDir}</code> {p.dbReadOnly ? <strong>(database read-only)</strong> : null}
      </div>
      <div>
        Config file: <code>{p.file}</code> — changes below are written there (comments kept); environment variables override it.
      </div>
      {p.problems.length ? (
        <ul data-testid="config-problems">
          {p.problems.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Every setting, editable (written to config.yaml, comments kept), with its source; and doctor diagnostics. */
export function SettingsView(): React.JSX.Element {
  const info = useAppStore((s) => s.info);
  const pushToast = useAppStore((s) => s.pushToast);
  const [entries, setEntries] = useState<ConfigEntry[]>([]);
  const [file, setFile] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [filter, setFilter] = useState("");

  useEffect(() => {
    void call("config.explain", {}).then((r) => {
      setEntries(r.entries);
      setFile(r.file);
      setProblems(r.problems);
    });
  }, []);

  const save = async (key: string, change: { value: unknown } | { reset: true }): Promise<string | null> => {
    try {
      const r = await call("config.set", { key, ...change });
      setEntries(r.entries);
      setProblems(r.problems);
      pushToast({ level: "success", title: `Saved ${key}`, message: r.restartNeeded ? "Takes effect after a restart." : "Applies to new runs." });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const shown = filter ? entries.filter((e) => e.key.toLowerCase().includes(filter.toLowerCase())) : entries;

  return (
    <section className="view" data-testid="view-settings">
      <h2>Settings</h2>
      <ConfigFileCard dataDir={info?.dataDir} dbReadOnly={info?.dbReadOnly} file={file} problems={problems} />
      <DoctorPanel />
      <ExportBundleCard />
      <div className="card">
        <div className="row">
          <h3 className="flush">Configuration</h3>
          <input type="text" aria-label="Filter settings" placeholder="filter, e.g. models." value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="settings-filter" />
        </div>
        <table data-testid="config-table">
          <thead>
            <tr>
              <th>key</th>
              <th>value</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <SettingRow key={e.key} entry={e} save={save} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
