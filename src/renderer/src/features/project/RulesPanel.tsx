import type { PlannedFile, RulesFormat } from "../../../../shared/contract/project.js";
import { useAppStore } from "../../store/useAppStore.js";
import { previewRules, writeRules } from "./projectActions.js";
import { RunProgress } from "./RunProgress.js";

const FORMATS: Array<{ id: RulesFormat; label: string }> = [
  { id: "mdc+agents", label: ".cursor/rules + AGENTS.md" },
  { id: "mdc", label: ".cursor/rules/*.mdc" },
  { id: "agents", label: "AGENTS.md" },
  { id: "legacy", label: ".cursorrules (legacy)" },
  { id: "all", label: ".cursor/rules + AGENTS.md + .cursorrules" },
];

const ACTION_LABEL: Record<PlannedFile["action"], string> = {
  create: "new file", update: "managed section updated", unchanged: "unchanged", conflict: "hand-written: left alone", overwrite: "hand-written: overwritten (.bak kept)",
};

/** Diff lines coloured by their first character. */
function Diff({ text }: { text: string }): React.JSX.Element {
  return (
    <pre className="diff">
      {text.split("\n").map((l, i) => (
        <div key={i} className={l.startsWith("+") && !l.startsWith("+++") ? "add" : l.startsWith("-") && !l.startsWith("---") ? "del" : ""}>
          {l}
        </div>
      ))}
    </pre>
  );
}

/** Cursor rules: choose formats, preview every change as a diff, then write. */
export function RulesPanel(): React.JSX.Element {
  const format = useAppStore((s) => s.rulesFormat);
  const force = useAppStore((s) => s.rulesForce);
  const plan = useAppStore((s) => s.rulesPlan);
  const runId = useAppStore((s) => s.rulesRunId);
  const setOptions = useAppStore((s) => s.setRulesOptions);
  const pending = plan && !plan.written && plan.files.some((f) => f.action !== "unchanged" && f.action !== "conflict");
  return (
    <div className="card" data-testid="project-rules">
      <h3>Cursor rules</h3>
      <div className="row">
        <select value={format} onChange={(e) => setOptions({ rulesFormat: e.target.value as RulesFormat })} aria-label="Rules format">
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={force} onChange={(e) => setOptions({ rulesForce: e.target.checked })} /> overwrite hand-written files
        </label>
        <button onClick={() => void previewRules()} data-testid="project-rules-preview">
          Preview changes
        </button>
        <button className="primary" disabled={!pending} onClick={() => void writeRules()} data-testid="project-rules-write">
          Write rules
        </button>
      </div>
      <RunProgress runId={runId} testId="project-rules-progress" />
      {plan?.files.map((f) => (
        <details key={f.path} open={!plan.written && f.action !== "unchanged"} data-testid="project-rule-file">
          <summary>
            {f.path} — <span className={`action-${f.action}`}>{plan.written && f.written ? "written" : ACTION_LABEL[f.action]}</span>
          </summary>
          {f.diff ? <Diff text={f.diff} /> : <pre>{f.head}</pre>}
        </details>
      ))}
    </div>
  );
}
