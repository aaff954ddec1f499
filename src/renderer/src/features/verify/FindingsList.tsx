import type { Finding } from "../../../../shared/contract/verify.js";

const ICON = { error: "✘", warning: "⚠", info: "·" } as const;

/** Validation findings of one file (rule, severity, line, message). */
export function FindingsList({ findings }: { findings: Finding[] }): React.JSX.Element | null {
  if (!findings.length) return null;
  return (
    <ul className="cc-findings" data-testid="verify-findings">
      {findings.map((f, i) => (
        <li key={i} className={`cc-finding-${f.severity}`}>
          {ICON[f.severity]} {f.line ? `line ${f.line}: ` : ""}
          {f.message} <span className="muted">[{f.rule}]</span>
        </li>
      ))}
    </ul>
  );
}
