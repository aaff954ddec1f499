import { useState } from "react";
import { getClient } from "../../api/client.js";

/**
 * History's retention, editable in place: how many finished runs are kept (0 keeps all). Written to config.yaml
 * through `config.set` (the same validation as Settings); older runs are removed when the engine next starts.
 */
export function RetentionEditor({ keepRuns, keepExports }: { keepRuns: number; keepExports: number }): React.JSX.Element {
  const [value, setValue] = useState(String(keepRuns));
  const [message, setMessage] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    try {
      await (await getClient()).call("config.set", { key: "insight.history.keepRuns", value: Number(value) });
      setMessage(Number(value) ? `Saved: the newest ${Number(value)} runs are kept; older ones are removed at the next start.` : "Saved: all runs are kept.");
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <p className="muted row wrap" data-testid="history-retention">
      <label>
        Keep the newest{" "}
        <input type="number" min={0} step={1} value={value} onChange={(e) => setValue(e.target.value)} style={{ width: "6em" }} data-testid="history-keep-runs" /> runs (0: all)
      </label>{" "}
      <button onClick={() => void save()} disabled={value === String(keepRuns) && !message} data-testid="history-keep-save">
        Save
      </button>
      <span>
        ; the newest {keepExports} bundles (<code>insight.export.keep</code>).
      </span>
      {message ? (
        <span role="status" data-testid="history-retention-message">
          {message}
        </span>
      ) : null}
    </p>
  );
}
