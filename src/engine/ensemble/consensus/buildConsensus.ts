import { ANALYSIS_FIELDS, type AnalysisField, type Consensus, type Disagreement, type FieldAgreement, type MemberResult, type TaskAnalysis } from "../../../shared/contract/ensemble.js";
import { agreeList } from "./agreeList.js";
import { agreeScalar } from "./agreeScalar.js";
import type { FieldOutcome } from "./FieldOutcome.js";
import { uniformWeights, type MemberWeights } from "./MemberWeights.js";

/** How much each field counts towards confidence (sums to 1). */
export const FIELD_WEIGHTS: Record<AnalysisField, number> = {
  approach: 0.2,
  requirements: 0.2,
  files: 0.15,
  complexity: 0.1,
  dependencies: 0.1,
  constraints: 0.05,
  risks: 0.05,
  test_plan: 0.15,
};
const LISTS = ["requirements", "dependencies", "constraints", "risks", "test_plan"] as const;
/** Confidence of a single-source result (halved when that one answer needed repair). */
export const SINGLE_SOURCE_CONFIDENCE = 0.25;
const ITEM_THRESHOLD = 0.5;

const normPath = (p: string): string => p.trim().replace(/\\/g, "/").replace(/^\.\//, "").toLowerCase();
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Valid {
  label: string;
  weight: number;
  analysis: TaskAnalysis;
}

function agreeAll(valid: Valid[]): Array<[AnalysisField, FieldOutcome<unknown>]> {
  const out: Array<[AnalysisField, FieldOutcome<unknown>]> = [];
  out.push(["approach", agreeScalar(valid.map((v) => ({ member: v.label, weight: v.weight, value: v.analysis.approach })), { threshold: ITEM_THRESHOLD })]);
  for (const f of LISTS) {
    out.push([f, agreeList(valid.map((v) => ({ member: v.label, weight: v.weight, items: v.analysis[f] })), { threshold: ITEM_THRESHOLD })]);
  }
  const filesOut = agreeList(
    valid.map((v) => ({ member: v.label, weight: v.weight, items: v.analysis.files.map((f) => f.path) })),
    { threshold: 1, similarity: (a, b) => (normPath(a) === normPath(b) ? 1 : 0) },
  );
  const purpose = (p: string): string =>
    valid.flatMap((v) => v.analysis.files).find((f) => normPath(f.path) === normPath(p) && f.purpose.trim())?.purpose ?? "";
  out.push(["files", { ...filesOut, merged: filesOut.merged.map((p) => ({ path: p, purpose: purpose(p) })) }]);
  const mean = valid.reduce((s, v) => s + v.weight * v.analysis.complexity, 0) / valid.reduce((s, v) => s + v.weight, 0);
  const cx = agreeScalar(valid.map((v) => ({ member: v.label, weight: v.weight, value: String(v.analysis.complexity) })), {
    threshold: 1,
    similarity: (a, b) => (a === b ? 1 : 0),
    tieBreak: (a, b) => Math.abs(Number(a) - mean) - Math.abs(Number(b) - mean) || Number(a) - Number(b),
  });
  out.push(["complexity", { ...cx, merged: Number(cx.merged) }]);
  return out.sort((a, b) => ANALYSIS_FIELDS.indexOf(a[0]) - ANALYSIS_FIELDS.indexOf(b[0]));
}

/**
 * Merge the members' analyses: per-field agreement, merged analysis, disagreements naming members, and
 * confidence = Σ field weight × agreement, scaled by coverage (0.5 + 0.5 × share of attempted members that
 * answered validly; a repaired answer counts half). Fewer than two valid answers → "single-source" (or
 * "none") with low confidence instead of a failure. Members skipped by a quorum are not counted as attempted.
 */
export function buildConsensus(members: MemberResult[], weights: MemberWeights = uniformWeights): Consensus {
  const attempted = members.filter((m) => m.status !== "skipped");
  const validMembers = members.filter((m) => (m.status === "ok" || m.status === "repaired") && m.analysis);
  const valid: Valid[] = validMembers.map((m) => ({ label: m.label, weight: Math.max(0, weights.weightOf(m)), analysis: m.analysis! }));
  const weightMap = Object.fromEntries(valid.map((v) => [v.label, v.weight]));
  const sources = valid.map((v) => v.label);
  if (valid.length === 0) {
    return { mode: "none", confidence: 0, merged: null, fields: [], disagreements: [], sources, weights: weightMap, note: "No member gave a valid answer." };
  }
  if (valid.length === 1 || valid.reduce((s, v) => s + v.weight, 0) <= 0) {
    const only = validMembers[0]!;
    const fields = agreeAll(valid.slice(0, 1)).map(([field, o]) => ({ field, agreement: 1, merged: o.merged, dissenters: [] }));
    return {
      mode: "single-source",
      confidence: only.status === "repaired" ? SINGLE_SOURCE_CONFIDENCE / 2 : SINGLE_SOURCE_CONFIDENCE,
      merged: only.analysis!,
      fields,
      disagreements: [],
      sources: [only.label],
      weights: weightMap,
      note: `Only ${only.label} answered validly: low confidence, single source.`,
    };
  }
  const outcomes = agreeAll(valid);
  const fields: FieldAgreement[] = outcomes.map(([field, o]) => ({ field, agreement: round3(o.agreement), merged: o.merged, dissenters: o.dissenters }));
  const disagreements: Disagreement[] = outcomes.flatMap(([field, o]) => o.disagreements.map((d) => ({ field, ...d })));
  const merged = Object.fromEntries(outcomes.map(([f, o]) => [f, o.merged])) as TaskAnalysis;
  const agreement = outcomes.reduce((s, [f, o]) => s + FIELD_WEIGHTS[f] * o.agreement, 0);
  const credit = validMembers.reduce((s, m) => s + (m.status === "repaired" ? 0.5 : 1), 0);
  const coverage = attempted.length ? credit / attempted.length : 0;
  return {
    mode: "consensus",
    confidence: round3(Math.min(1, Math.max(0, agreement * (0.5 + 0.5 * coverage)))),
    merged,
    fields,
    disagreements,
    sources,
    weights: weightMap,
  };
}
