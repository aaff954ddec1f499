import { useEffect, useState } from "react";
import type { Persona } from "../../../../shared/contract/ensemble.js";
import { getClient } from "../../api/client.js";
import { CopyPromptsToggle } from "../../components/CopyPromptsToggle.js";
import { useAppStore } from "../../store/useAppStore.js";
import { cancelEnsembleRun, startEnsembleRun } from "./ensembleActions.js";

const EXAMPLES = [
  "Add rate limiting to the login endpoint (5 attempts per minute per IP)",
  "Write a function that parses ISO 8601 durations and add unit tests",
  "Refactor the settings page to load config lazily and show errors inline",
];

/** The task, quick examples, run options (mode, debate personas and rounds, project folder) and Run / Cancel. */
export function TaskForm({ running, runId }: { running: boolean; runId: string | null }): React.JSX.Element {
  const form = useAppStore((s) => s.ensembleForm);
  const setForm = useAppStore((s) => s.setEnsembleForm);
  const [personas, setPersonas] = useState<Persona[]>([]);
  useEffect(() => {
    void getClient()
      .then((c) => c.call("ensemble.personas", {}))
      .then((r) => setPersonas(r.personas))
      .catch(() => setPersonas([]));
  }, []);
  const toggleAgent = (id: string): void =>
    setForm({ agents: form.agents.includes(id) ? form.agents.filter((a) => a !== id) : [...form.agents, id] });

  return (
    <div className="card">
      <label htmlFor="workflow-task"><strong>Task</strong></label>
      <textarea
        id="workflow-task"
        data-testid="workflow-task"
        rows={3}
        style={{ width: "100%", boxSizing: "border-box", marginTop: 4 }}
        placeholder="Describe what you want built…"
        value={form.task}
        onChange={(e) => setForm({ task: e.target.value })}
      />
      <div className="row" style={{ marginTop: 4 }}>
        <span className="muted">Examples:</span>
        {EXAMPLES.map((x) => (
          <button key={x} className="link" onClick={() => setForm({ task: x })} title={x}>
            {x.slice(0, 40)}…
          </button>
        ))}
      </div>
      <div className="row" style={{ marginTop: 8 }}>
        <label>
          Mode{" "}
          <select value={form.mode} onChange={(e) => setForm({ mode: e.target.value as "analysis" | "code" })} data-testid="workflow-mode">
            <option value="analysis">analysis → prompt</option>
            <option value="code">code (CodeBLEU)</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={form.debate} onChange={(e) => setForm({ debate: e.target.checked })} data-testid="workflow-debate" /> Debate first
        </label>
        {form.debate ? (
          <label>
            Rounds <input type="number" min={1} max={10} value={form.rounds} style={{ width: 48 }} onChange={(e) => setForm({ rounds: Math.max(1, Number(e.target.value) || 1) })} />
          </label>
        ) : null}
        <label>
          Project <input type="text" placeholder="/path/to/project (optional)" value={form.projectDir} onChange={(e) => setForm({ projectDir: e.target.value })} />
        </label>
        <CopyPromptsToggle />
        <span className="spacer" />
        {running && runId ? (
          <button onClick={() => void cancelEnsembleRun(runId)} data-testid="workflow-cancel">
            Cancel
          </button>
        ) : null}
        <button className="primary" disabled={running || !form.task.trim()} onClick={() => void startEnsembleRun()} data-testid="workflow-run">
          {running ? "Running…" : "Run ensemble"}
        </button>
      </div>
      {form.debate ? (
        <div className="row" style={{ marginTop: 8 }} data-testid="workflow-agents">
          <span className="muted">Agents:</span>
          {personas.map((p) => (
            <label key={p.id} title={p.role}>
              <input type="checkbox" checked={form.agents.includes(p.id)} onChange={() => toggleAgent(p.id)} /> {p.name}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
