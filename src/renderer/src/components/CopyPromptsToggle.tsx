import { useEffect, useState } from "react";
import { call } from "../api/client.js";

/**
 * "Copy prompts automatically" (config `ui.copyPrompts`, off by default): when on, the engine puts each finished
 * prompt on the clipboard; when off, only the Copy button does. Saved to config.yaml like any setting.
 */
export function CopyPromptsToggle(): React.JSX.Element {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call("config.explain", {}).then((r) => setOn(r.entries.find((e) => e.key === "ui.copyPrompts")?.value === true));
  }, []);
  const change = async (value: boolean): Promise<void> => {
    try {
      await call("config.set", { key: "ui.copyPrompts", value });
      setOn(value);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <label className="row" title="Off: the clipboard is only written when you press Copy">
      <input type="checkbox" checked={on === true} disabled={on === null} onChange={(e) => void change(e.target.checked)} data-testid="copy-prompts-toggle" />
      Copy prompts automatically
      {error ? <span className="error-text">{error}</span> : null}
    </label>
  );
}
