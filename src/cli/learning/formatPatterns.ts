import type { LearningStatus, Pattern, PatternSummary } from "../../shared/contract/learning.js";

const oneLine = (s: string, n: number): string => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The pattern table: id, date, ok/failed, reward, iteration, type, task. */
export function formatPatternTable(rows: PatternSummary[], total: number, capped: boolean): string {
  if (!rows.length) return "No patterns.";
  const lines = rows.map((p) => `${p.id.slice(0, 12).padEnd(12)}  ${day(p.createdAt)}  ${p.passed ? "✔" : "✘"} ${p.reward === null ? "  —  " : p.reward.toFixed(2).padStart(5)}  #${p.iteration}  ${p.taskType.padEnd(8)}  ${oneLine(p.task, 70)}${p.snippet ? `\n${" ".repeat(14)}${oneLine(p.snippet, 90)}` : ""}`);
  lines.push(`${rows.length} of ${total}${capped ? "+ (ranked the newest matches; refine the query)" : ""} pattern(s)`);
  return lines.join("\n");
}

export function formatPattern(p: Pattern): string {
  const out = [
    `Pattern ${p.id}  (${p.taskType}, ${p.passed ? "tests green" : "not green"}, reward ${p.reward?.toFixed(2) ?? "—"}, iteration ${p.iteration})`,
    `Task:     ${p.task}`,
    `Project:  ${p.project}`,
    `Models:   ${p.models.join(", ") || "—"}`,
    `Created:  ${new Date(p.createdAt).toISOString()}`,
    `Tags:     ${p.tags.join(", ") || "—"}`,
    `Feedback: ${p.feedback.thumbs ?? "—"}${p.feedback.note ? ` (${p.feedback.note})` : ""}`,
  ];
  if (p.tests) out.push(`Tests:    ${p.tests.runner}: ${p.tests.passed} passed, ${p.tests.failed} failed, ${p.tests.errors} errors`, ...p.tests.failing.map((f) => `  ✘ ${f.name}${f.message ? `: ${oneLine(f.message, 100)}` : ""}`));
  for (const f of p.files) out.push("", `--- ${f.path} (${f.action})`, f.diff);
  return out.join("\n");
}

export function formatLearningStatus(s: LearningStatus): string {
  const out = [`Learning ${s.enabled ? "on" : "off"}; selector policy ${s.policy}; ${s.patterns} patterns`, ...s.notes.map((n) => `! ${n}`)];
  out.push(s.ppo.trained ? `PPO policy: ${s.ppo.timesteps} timesteps, mean episode reward ${s.ppo.meanReward?.toFixed(3)} (${s.ppo.file})` : `PPO policy: not trained (${s.ppo.problem})`);
  if (s.arms.length) {
    out.push("", "Posteriors (task type × model): mean ± sd, n");
    for (const a of s.arms) out.push(`  ${a.taskType.padEnd(8)} ${a.model.padEnd(40)} ${a.mean.toFixed(2)} ± ${a.sd.toFixed(2)}  n ${a.n.toFixed(1)}`);
  }
  if (s.decisions.length) {
    out.push("", "Last decisions:");
    for (const d of s.decisions.slice(0, 10)) out.push(`  ${new Date(d.at).toISOString()} ${d.policy}: ${d.reason}`);
  }
  return out.join("\n");
}
