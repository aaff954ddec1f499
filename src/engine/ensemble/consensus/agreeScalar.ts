import { clusterValues, type ClusterOptions } from "./clusterValues.js";
import type { FieldOutcome } from "./FieldOutcome.js";

export interface ScalarVote {
  member: string;
  weight: number;
  value: string;
}

/**
 * Agreement on a single value: votes are grouped (normalised text, or fuzzy when `threshold` < 1), the
 * heaviest group wins (ties: the earlier group, or `tieBreak`), agreement = its share of the total weight,
 * and every other group is a "differs" disagreement naming its members.
 */
export function agreeScalar(
  votes: ScalarVote[],
  options: ClusterOptions & { tieBreak?: (a: string, b: string) => number },
): FieldOutcome<string> {
  const clusters = clusterValues(
    votes.map((v) => ({ member: v.member, weight: v.weight, values: [v.value] })),
    options,
  );
  const total = votes.reduce((s, v) => s + v.weight, 0);
  const ranked = [...clusters].sort((a, b) => b.weight - a.weight || (options.tieBreak?.(a.rep, b.rep) ?? 0) || a.order - b.order);
  const win = ranked[0];
  if (!win || total <= 0) return { agreement: 0, merged: "", dissenters: [], disagreements: [] };
  const losers = ranked.slice(1);
  return {
    agreement: win.weight / total,
    merged: win.rep,
    dissenters: losers.flatMap((c) => c.members),
    disagreements: losers.map((c) => ({ kind: "differs" as const, value: c.rep, members: c.members })),
  };
}
