/** Reciprocal-rank constant: damps the weight of the very first places (Cormack et al. use 60). */
const K = 60;

/**
 * Reciprocal rank fusion: ids from several rankings (best first), ordered by Σ 1/(K + rank). An id found by
 * both retrievers beats one found high by a single one; ties keep the first ranking's order.
 */
export function fuseRankings(rankings: string[][]): string[] {
  const score = new Map<string, number>();
  for (const ranking of rankings) ranking.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (K + i + 1)));
  return [...score.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
