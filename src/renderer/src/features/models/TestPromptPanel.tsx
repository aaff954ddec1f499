import { useMemo } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import { deriveTestOutput } from "./deriveTestOutput.js";
import { cancelTestPrompt, startTestPrompt } from "./modelsActions.js";

/** Send a prompt to one model and watch the answer stream in, with TTFT and tokens/s at the end. */
export function TestPromptPanel(): React.JSX.Element {
  const tp = useAppStore((s) => s.testPrompt);
  const setTestPrompt = useAppStore((s) => s.setTestPrompt);
  const models = useAppStore((s) => s.models);
  const usable = useMemo(() => models.filter((m) => m.status !== "unavailable"), [models]);
  const events = useAppStore((s) => (tp.runId ? s.runEvents[tp.runId] : undefined));
  const out = deriveTestOutput(events);
  const running = out.status === "running";
  const m = out.result?.metrics;
  return (
    <div className="card" data-testid="test-prompt">
      <strong>Test prompt</strong>
      <div className="row" style={{ marginTop: 8 }}>
        <select aria-label="Model" data-testid="test-model" value={tp.modelId ?? ""} onChange={(e) => setTestPrompt({ modelId: e.target.value || null })}>
          <option value="">choose a model</option>
          {usable.map((x) => (
            <option key={x.id} value={x.id}>
              {x.id}
            </option>
          ))}
        </select>
        <input type="text" aria-label="Prompt" data-testid="test-input" className="grow" value={tp.prompt} onChange={(e) => setTestPrompt({ prompt: e.target.value })} />
        {running && tp.runId ? (
          <button data-testid="test-cancel" onClick={() => void cancelTestPrompt(tp.runId!)}>
            Cancel
          </button>
        ) : (
          <button className="primary" data-testid="test-run" disabled={!tp.modelId || !tp.prompt.trim()} onClick={() => void startTestPrompt()}>
            Run
          </button>
        )}
      </div>
      {tp.error || out.error ? <p className="error-text">{tp.error ?? out.error}</p> : null}
      {tp.runId ? (
        <>
          <pre data-testid="test-output" data-status={out.status} style={{ whiteSpace: "pre-wrap" }}>
            {out.text}
          </pre>
          {m ? (
            <p className="muted" data-testid="test-metrics">
              TTFT {m.ttftMs === null ? "–" : `${Math.round(m.ttftMs)} ms`} · {m.tokensPerSecond === null ? "–" : m.tokensPerSecond.toFixed(1)} tok/s · {m.completionTokens ?? "?"} tokens · {out.result?.finishReason}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
