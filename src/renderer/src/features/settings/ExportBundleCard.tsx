import { useState } from "react";
import type { ExportResult } from "../../../../shared/contract/insight.js";
import { getClient } from "../../api/client.js";

/**
 * Settings → Export bundle: a bug-report bundle of the newest run, through the same export as the CLI.
 * Raw outputs off and env redaction on by default; "Verified ✓" once the finished zip passed the re-scan.
 */
export function ExportBundleCard(): React.JSX.Element {
  const [publicSafe, setPublicSafe] = useState(true);
  const [includeRaw, setIncludeRaw] = useState(false);
  const [redactEnv, setRedactEnv] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const exportNow = (): Promise<void> =>
    run(async () => {
      setResult(null);
      const privacy = publicSafe ? "public_safe" : includeRaw ? "full_internal" : "team_safe";
      setResult(await (await getClient()).call("insight.export", { latest: true, privacy, includeRaw: !publicSafe && includeRaw, redactEnv }));
    });
  const clear = (): Promise<void> =>
    run(async () => {
      const r = await (await getClient()).call("insight.clearExports", {});
      setResult(null);
      setMessage(`Removed ${r.removed} bundle(s).`);
    });
  const openFolder = (): Promise<void> =>
    run(async () => {
      const r = await (await getClient()).call("insight.openExportsFolder", {});
      setMessage(r.opened ? `Opened ${r.dir}.` : `Could not open ${r.dir}: ${r.reason ?? "no file manager"}.`);
    });
  const copy = (): Promise<void> =>
    run(async () => {
      await navigator.clipboard.writeText(result!.path);
      setMessage("Path copied.");
    });

  return (
    <div className="card" data-testid="export-bundle">
      <h3 style={{ marginTop: 0 }}>Export bundle</h3>
      <p className="muted">A case bundle of the newest run for a bug report. Secrets, home paths, user and host names are redacted, and the finished zip is re-scanned before it is kept.</p>
      <label>
        <input type="checkbox" checked={publicSafe} onChange={(e) => setPublicSafe(e.target.checked)} data-testid="export-public-safe" /> Public-safe (no source beyond diffs)
      </label>
      <br />
      <label>
        <input type="checkbox" checked={includeRaw} disabled={publicSafe} onChange={(e) => setIncludeRaw(e.target.checked)} data-testid="export-include-raw" /> Include raw model and test output
      </label>
      <br />
      <label>
        <input type="checkbox" checked={redactEnv} onChange={(e) => setRedactEnv(e.target.checked)} data-testid="export-redact-env" /> Redact environment values
      </label>
      <div className="row wrap" style={{ marginTop: "0.5rem", gap: "0.5rem" }}>
        <button className="primary" onClick={() => void exportNow()} disabled={busy} data-testid="export-run">
          {busy ? "Working…" : "Export bundle"}
        </button>
        <button onClick={() => void clear()} disabled={busy} data-testid="export-clear">
          Clear exports
        </button>
      </div>
      {result ? (
        <div data-testid="export-result">
          <p>
            <strong data-testid="export-verified">Verified ✓</strong> {result.privacy} · {result.files.length} files
          </p>
          <code style={{ overflowWrap: "anywhere" }} data-testid="export-path">
            {result.path}
          </code>{" "}
          <button onClick={() => void copy()}>Copy path</button>{" "}
          <button onClick={() => void openFolder()} data-testid="export-open-folder">
            Open folder
          </button>
          {result.warnings.map((w) => (
            <p key={w} className="muted">
              warning: {w}
            </p>
          ))}
        </div>
      ) : null}
      {message ? (
        <p role="status" data-testid="export-message">
          {message}
        </p>
      ) : null}
    </div>
  );
}
