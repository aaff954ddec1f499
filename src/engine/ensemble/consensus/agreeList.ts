import { clusterValues, type ClusterOptions } from "./clusterValues.js";
import type { FieldOutcome } from "./FieldOutcome.js";

export interface ListVote {
  member: string;
  weight: number;
  items: string[];
}

/**
 * Agreement on a list field. Items are clustered fuzzily across members; the merged list keeps clusters
 * backed by at least half of the weight (most supported first); agreement is the weight-averaged pairwise
 * fuzzy Jaccard overlap of members' cluster sets (two empty lists agree fully). Items too few members gave
 * are "only" disagreements; merged items some members left out are "omitted" ones.
 */
export function agreeList(votes: ListVote[], options: ClusterOptions): FieldOutcome<string[]> {
  const clusters = clusterValues(
    votes.map((v) => ({ member: v.member, weight: v.weight, values: v.items })),
    options,
  );
  const total = votes.reduce((s, v) => s + v.weight, 0);
  const setOf = (m: string): Set<number> => new Set(clusters.filter((c) => c.members.includes(m)).map((c) => c.order));
  let num = 0;
  let den = 0;
  for (let i = 0; i < votes.length; i++) {
    for (let j = i + 1; j < votes.length; j++) {
      const a = setOf(votes[i]!.member);
      const b = setOf(votes[j]!.member);
      const inter = [...a].filter((x) => b.has(x)).length;
      const union = a.size + b.size - inter;
      const w = votes[i]!.weight * votes[j]!.weight;
      num += w * (union === 0 ? 1 : inter / union);
      den += w;
    }
  }
  const kept = clusters.filter((c) => total > 0 && c.weight / total >= 0.5).sort((a, b) => b.weight - a.weight || a.order - b.order);
  const dropped = clusters.filter((c) => !kept.includes(c));
  const disagreements: FieldOutcome<string[]>["disagreements"] = dropped.map((c) => ({ kind: "only" as const, value: c.rep, members: c.members }));
  for (const c of kept) {
    const missing = votes.map((v) => v.member).filter((m) => !c.members.includes(m));
    if (missing.length) disagreements.push({ kind: "omitted", value: c.rep, members: missing });
  }
  const named = new Set(disagreements.flatMap((d) => d.members));
  const dissenters = votes.map((v) => v.member).filter((m) => named.has(m));
  return { agreement: den === 0 ? 1 : num / den, merged: kept.map((c) => c.rep), dissenters, disagreements };
}
