import type { GeneratorKind } from "../../../../../shared/contract/conductor.js";
import { useAppStore } from "../../../store/useAppStore.js";
import { startLoop } from "./loopActions.js";

const GENERATORS: Array<{ id: GeneratorKind; label: string }> = [
  { id: "clipboard", label: "Cursor chat (clipboard)" },
  { id: "watch", label: "Cursor agent (file watch)" },
  { id: "command", label: "AI CLI (command)" },
  { id: "local", label: "Local models (full auto)" },
];

/** How code arrives, and the loop's Start button (the task and project come from the form above). */
export function LoopForm({ running }: { running: boolean }): React.JSX.Element {
  const form = useAppStore((s) => s.loopForm);
  const setForm = useAppStore((s) => s.setLoopForm);
  const task = useAppStore((s) => s.ensembleForm.task);
  const project = useAppStore((s) => s.ensembleForm.projectDir);
  return (
    <div className="card" data-testid="loop-form">
      <div className="row wrap">
        <strong>Loop until the tests pass</strong>
        <label>
          Code from{" "}
          <select value={form.generator} onChange={(e) => setForm({ generator: e.target.value as GeneratorKind })} data-testid="loop-generator">
            {GENERATORS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        {form.generator === "command" ? (
          <input type="text" placeholder='e.g. claude -p --output-format json < {promptFile}' value={form.command} onChange={(e) => setForm({ command: e.target.value })} data-testid="loop-command" />
        ) : null}
        <label>
          Tries <input type="number" min={1} max={20} value={form.maxIterations} style={{ width: 48 }} onChange={(e) => setForm({ maxIterations: Math.max(1, Number(e.target.value) || 1) })} />
        </label>
        <label>
          <input type="checkbox" checked={form.autoApprove} onChange={(e) => setForm({ autoApprove: e.target.checked })} data-testid="loop-auto-approve" /> Apply without asking
        </label>
        <label>
          <input type="checkbox" checked={form.skipAnalysis} onChange={(e) => setForm({ skipAnalysis: e.target.checked })} data-testid="loop-skip-analysis" /> Skip model analysis
        </label>
        <span className="spacer" />
        <button className="primary" disabled={running || !task.trim() || !project.trim()} onClick={() => void startLoop()} data-testid="loop-start" title={project.trim() ? "" : "Set the project folder above"}>
          {running ? "Loop running…" : "Start loop"}
        </button>
      </div>
    </div>
  );
}
