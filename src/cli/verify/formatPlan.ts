import type { ApplyPlan, Finding } from "../../shared/contract/verify.js";

const SEV = { error: "✘", warning: "!", info: "·" } as const;

/** A plan for the terminal: per file the action, status, reasons, flags, findings and the diff. */
export function formatPlan(plan: ApplyPlan, options: { diffs?: boolean } = {}): string {
  const out: string[] = [`Plan ${plan.planId} for ${plan.project}`];
  for (const f of plan.files) {
    const head = f.status === "rejected" ? "REJECTED" : f.status === "protected" ? "PROTECTED" : f.action.toUpperCase();
    out.push("", `${head.padEnd(9)} ${f.path}${f.format ? `  (${f.format})` : ""}`);
    for (const r of f.reasons) out.push(`  reason: ${r}`);
    for (const fl of f.flags) out.push(`  ! ${fl}`);
    for (const x of f.findings) out.push(`  ${formatFinding(x)}`);
    if (options.diffs !== false && f.status !== "rejected" && f.action !== "none") out.push(indent(colourless(f.diff)));
  }
  for (const x of plan.failures ?? []) {
    out.push("", `NO MATCH  ${x.path}: ${x.message}`);
    if (x.closest) out.push(`  closest lines ${x.closest.startLine}-${x.closest.endLine} (similarity ${x.closest.similarity}):`, indent(x.closest.text));
  }
  for (const u of plan.unmapped) out.push("", `${u.kind === "citation" ? "IGNORED  " : "UNMAPPED "} block ${u.block}${u.language ? ` (${u.language})` : ""}: ${u.reason}`, indent(u.preview));
  for (const n of plan.notes) out.push(`note: ${n}`);
  if (plan.touchesTests) out.push("", "! This plan changes test files: the next test run counts as tests_tampered (reward 0) unless you accept it.");
  return out.join("\n");
}

export function formatFinding(f: Finding): string {
  return `${SEV[f.severity]} ${f.file}${f.line ? `:${f.line}` : ""} [${f.rule}] ${f.message}`;
}

const indent = (s: string): string =>
  s
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");

// Drop the "Index:"/"===" header lines createTwoFilesPatch adds.
const colourless = (diff: string): string => diff.replace(/^Index: .*\n=+\n/, "").replace(/^=+\n/m, "");
