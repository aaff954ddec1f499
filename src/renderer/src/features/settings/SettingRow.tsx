import { useEffect, useState } from "react";
import type { ConfigEntry } from "../../../../shared/contract/config.js";
import { formatSettingValue, parseSettingInput } from "./parseSettingInput.js";

export interface SettingRowProps {
  entry: ConfigEntry;
  /** Save a value (or reset to the default); resolves to the engine's refusal, or null when saved. */
  save(key: string, change: { value: unknown } | { reset: true }): Promise<string | null>;
}

interface EditorProps {
  entry: ConfigEntry;
  busy: boolean;
  text: string;
  setText(t: string): void;
  submit(change: { value: unknown }): Promise<void>;
  submitText(): void;
}

/** The editor for one unlocked setting, by kind: checkbox, choice list, or text (numbers, JSON) with Save. */
function SettingEditor({ entry: e, busy, text, setText, submit, submitText }: EditorProps): React.JSX.Element {
  if (e.kind === "boolean") {
    return <input type="checkbox" aria-label={e.key} checked={e.value === true} disabled={busy} onChange={(ev) => void submit({ value: ev.target.checked })} data-testid="setting-input" />;
  }
  if (e.kind === "enum") {
    return (
      <select aria-label={e.key} value={String(e.value)} disabled={busy} onChange={(ev) => void submit({ value: ev.target.value })} data-testid="setting-input">
        {(e.choices ?? []).map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  }
  return (
    <form
      className="row"
      onSubmit={(ev) => {
        ev.preventDefault();
        submitText();
      }}
    >
      <input type="text" aria-label={e.key} className="grow" value={text} placeholder={e.nullable ? "(not set)" : ""} onChange={(ev) => setText(ev.target.value)} data-testid="setting-input" />
      {text !== formatSettingValue(e) ? (
        <button type="submit" disabled={busy} data-testid="setting-save">
          Save
        </button>
      ) : null}
    </form>
  );
}

/** One setting: an editor by kind, locked when an environment variable sets it, the key's reason when refused. */
export function SettingRow({ entry: e, save }: SettingRowProps): React.JSX.Element {
  const [text, setText] = useState(formatSettingValue(e));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(formatSettingValue(e)), [e]);
  const locked = e.source === "env";
  const submit = async (change: { value: unknown } | { reset: true }): Promise<void> => {
    setBusy(true);
    setError(await save(e.key, change));
    setBusy(false);
  };
  const submitText = (): void => {
    const parsed = parseSettingInput(e, text);
    if ("error" in parsed) setError(parsed.error);
    else void submit(parsed);
  };
  return (
    <tr data-testid={`setting-${e.key}`} data-source={e.source}>
      <td>
        <code>{e.key}</code>
        {e.env ? <div className="muted">env {e.env}</div> : null}
      </td>
      <td>
        {locked ? (
          <span data-testid="setting-locked" title={`Set by the environment variable ${e.origin ?? e.env}; change it there`}>
            🔒 <code>{JSON.stringify(e.value)}</code> <span className="muted">set by {e.origin ?? e.env}</span>
          </span>
        ) : (
          <SettingEditor entry={e} busy={busy} text={text} setText={setText} submit={submit} submitText={submitText} />
        )}
        {error ? (
          <div className="error-text" data-testid="setting-error">
            {error}
          </div>
        ) : null}
      </td>
      <td>
        {e.source}
        {e.source === "file" && !locked ? (
          <button className="link" disabled={busy} onClick={() => void submit({ reset: true })} data-testid="setting-reset" title="Remove from config.yaml and use the default">
            reset
          </button>
        ) : null}
      </td>
    </tr>
  );
}
