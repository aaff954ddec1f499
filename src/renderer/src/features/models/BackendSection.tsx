import type { ModelInfo } from "../../../../shared/contract/models.js";
import { useAppStore } from "../../store/useAppStore.js";
import { formatBytes, type BackendGroup } from "./groupByBackend.js";
import { setModelLoaded } from "./modelsActions.js";

function HealthBadge({ group }: { group: BackendGroup }): React.JSX.Element {
  const h = group.health;
  if (!h) return <span className="badge">unknown</span>;
  if (h.disabled) return <span className="muted" title={h.disabled}>off — {h.disabled}</span>;
  const state = h.breaker !== "closed" ? `circuit ${h.breaker}` : h.healthy ? "healthy" : "failing";
  const tone = h.healthy ? "ok" : h.breaker === "open" ? "bad" : "warn";
  return (
    <span data-testid={`health-${group.key}`} data-healthy={h.healthy} data-breaker={h.breaker}>
      <span className={`badge badge-${tone}`}>{state}</span>
      {h.latencyMs !== undefined ? <span className="muted"> {Math.round(h.latencyMs)} ms</span> : null}
      {h.gpu ? <span className="muted"> · {h.gpu}</span> : null}
      {h.lastError ? <span className="muted" title={h.lastError}> · {h.lastError.slice(0, 80)}</span> : null}
    </span>
  );
}

function ModelRow({ m }: { m: ModelInfo }): React.JSX.Element {
  const busy = useAppStore((s) => s.modelBusy[m.id]);
  const setTestPrompt = useAppStore((s) => s.setTestPrompt);
  const usable = m.status !== "unavailable";
  return (
    <tr data-testid={`model-${m.id}`} data-status={m.status}>
      <td title={m.path ?? m.source}>{m.name}</td>
      <td>{busy ? `${busy}…` : m.status}</td>
      <td>{formatBytes(m.sizeBytes)}</td>
      <td>{m.quantization ?? ""}</td>
      <td>{m.contextLength ?? ""}</td>
      <td>{formatBytes(m.memoryEstimateBytes)}</td>
      <td>{m.gpu ?? ""}</td>
      <td>{m.latencyMs !== undefined ? `${Math.round(m.latencyMs)} ms` : ""}</td>
      <td className="row">
        {m.backend === "embedded" && usable ? (
          <button disabled={!!busy} data-testid={`toggle-${m.id}`} onClick={() => void setModelLoaded(m.id, m.status !== "loaded")}>
            {m.status === "loaded" ? "Unload" : "Load"}
          </button>
        ) : null}
        {usable ? (
          <button data-testid={`test-${m.id}`} onClick={() => setTestPrompt({ modelId: m.id })}>
            Test
          </button>
        ) : (
          <span className="muted">{m.problem}</span>
        )}
      </td>
    </tr>
  );
}

/** One backend: its health line and its models. */
export function BackendSection({ group }: { group: BackendGroup }): React.JSX.Element {
  return (
    <div className="card" data-testid={`backend-${group.key}`}>
      <div className="row">
        <strong>{group.title}</strong>
        {group.health?.url ? <span className="muted">{group.health.url}</span> : null}
        <span className="spacer" />
        <HealthBadge group={group} />
      </div>
      {group.models.length ? (
        <table>
          <thead>
            <tr>
              <th>Model</th>
              <th>Status</th>
              <th>Size</th>
              <th>Quant</th>
              <th>Context</th>
              <th>Memory</th>
              <th>GPU</th>
              <th>Latency</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {group.models.map((m) => (
              <ModelRow key={m.id} m={m} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No models.</p>
      )}
    </div>
  );
}
