import type { Privacy, RunKpis } from "../../../shared/contract/insight.js";

const LEVELS: Record<Privacy, string> = {
  public_safe: "public_safe — KPIs, consensus, selector decision, diffs, test results and a sanitized event log; no source beyond the diffs, no raw model output.",
  team_safe: "team_safe — adds the before/after text of touched files and the prompt texts.",
  full_internal: "full_internal — as team_safe; raw model and test output only when exported with --include-raw.",
};

/** README_case.md: what the bundle is and how to read it. Deterministic (no export time). */
export function caseReadme(k: RunKpis, privacy: Privacy, includeRaw: boolean, files: string[]): string {
  const fig = (label: string, v: unknown): string => `| ${label} | ${v === null || v === undefined ? "—" : String(v)} |`;
  return [
    `# CodeConductor case ${k.run_id}`,
    "",
    `Run kind \`${k.kind}\`, status **${k.status}**, started ${k.started_at}.`,
    "",
    `Privacy level: ${LEVELS[privacy]}${includeRaw && privacy === "full_internal" ? " Raw outputs are included." : ""}`,
    "Every file was redacted (secrets, home paths, user and host names, e-mail addresses, environment values) and the finished zip was re-scanned before it was kept.",
    "",
    "| KPI | value |",
    "|---|---|",
    fig("ttft_ms", k.ttft_ms),
    fig("tokens/s", k.tokens_per_s),
    fig("first_prompt_success", k.first_prompt_success),
    fig("pass_rate before → after", k.pass_rate_before === null ? null : `${k.pass_rate_before} → ${k.pass_rate_after}`),
    fig("iterations_to_green", k.iterations_to_green),
    fig("winner", k.winner ? `${k.winner.model} (${k.winner.score ?? "—"})` : null),
    fig("consensus", k.consensus_method),
    fig("selector", `${k.selector.policy}: ${k.selector.decision.join(", ") || "—"}`),
    fig("config_digest", k.config_digest),
    "",
    "## Files",
    ...files.map((f) => `- \`${f}\``),
    "",
    "Open it read-only with `codeconductor import-case <zip>` or History → Import case. Schemas: `resources/schemas/`.",
    "",
  ].join("\n");
}
