import { useEffect, useMemo } from "react";
import { useAppStore } from "../../store/useAppStore.js";
import { BackendSection } from "./BackendSection.js";
import { groupByBackend } from "./groupByBackend.js";
import { refreshModels } from "./modelsActions.js";
import { TestPromptPanel } from "./TestPromptPanel.js";

/** Models across backends, live: health, latency, load state, memory, GPU; load/unload; a streaming test prompt. */
export function ModelsView(): React.JSX.Element {
  const models = useAppStore((s) => s.models);
  const backends = useAppStore((s) => s.backends);
  const loading = useAppStore((s) => s.modelsLoading);
  const error = useAppStore((s) => s.modelsError);
  const tookMs = useAppStore((s) => s.modelsTookMs);
  const groups = useMemo(() => groupByBackend(models, backends), [models, backends]);
  useEffect(() => {
    void refreshModels(false);
  }, []);
  return (
    <section className="view" data-testid="view-models">
      <div className="row">
        <h2 className="flush">Models</h2>
        <span className="spacer" />
        {tookMs !== null ? <span className="muted">found {models.length} in {Math.round(tookMs)} ms</span> : null}
        <button className="primary" data-testid="models-refresh" disabled={loading} onClick={() => void refreshModels(true)}>
          {loading ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {error ? <p className="error-text">{error}</p> : null}
      <TestPromptPanel />
      {groups.map((g) => (
        <BackendSection key={g.key} group={g} />
      ))}
    </section>
  );
}
