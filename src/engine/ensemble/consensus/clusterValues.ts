import { textSimilarity } from "./textSimilarity.js";

export interface Contribution {
  member: string;
  weight: number;
  values: string[];
}

export interface Cluster {
  /** The first value that opened the cluster; stands for all of them. */
  rep: string;
  /** Members that gave a value in this cluster, in order of contribution. */
  members: string[];
  /** Sum of those members' weights. */
  weight: number;
  /** Order of first appearance. */
  order: number;
}

export interface ClusterOptions {
  /** Two values join when `similarity(value, rep)` ≥ threshold. */
  threshold: number;
  /** Defaults to fuzzy word overlap (textSimilarity). */
  similarity?: (a: string, b: string) => number;
}

/**
 * Group values from several members: each value joins the most similar cluster it reaches the threshold
 * with (one value per member per cluster, so a member repeating itself is not counted twice), else opens a
 * new cluster. Deterministic: members and values are taken in the given order.
 */
export function clusterValues(contributions: Contribution[], options: ClusterOptions): Cluster[] {
  const sim = options.similarity ?? textSimilarity;
  const clusters: Cluster[] = [];
  for (const c of contributions) {
    for (const value of c.values) {
      let best: Cluster | undefined;
      let bestScore = -1;
      for (const cl of clusters) {
        if (cl.members.includes(c.member)) continue;
        const s = sim(value, cl.rep);
        if (s >= options.threshold && s > bestScore) {
          best = cl;
          bestScore = s;
        }
      }
      if (best) {
        best.members.push(c.member);
        best.weight += c.weight;
      } else if (!clusters.some((cl) => cl.members.includes(c.member) && sim(value, cl.rep) === 1)) {
        clusters.push({ rep: value, members: [c.member], weight: c.weight, order: clusters.length });
      }
    }
  }
  return clusters;
}
