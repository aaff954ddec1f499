/**
 * PageRank over a weighted directed graph (edges `from → to` with weight > 0). `personalization` biases the
 * teleport step (defaults to uniform); dangling nodes spread their rank by the same vector.
 * Returns ranks summing to 1. `damping` defaults to `0.85`; stops after `maxIterations` (100) or when
 * the L1 change drops below `tolerance` (1e-6). `initial` warm-starts from earlier ranks.
 */
export function pageRank(
  nodeCount: number,
  edges: ReadonlyArray<{ from: number; to: number; weight: number }>,
  options: { personalization?: Float64Array; damping?: number; maxIterations?: number; tolerance?: number; initial?: Float64Array } = {},
): Float64Array {
  const n = nodeCount;
  if (n === 0) return new Float64Array(0);
  const d = options.damping ?? 0.85;
  const tele = new Float64Array(n);
  if (options.personalization) {
    let s = 0;
    for (let i = 0; i < n; i++) s += options.personalization[i]!;
    for (let i = 0; i < n; i++) tele[i] = s > 0 ? options.personalization[i]! / s : 1 / n;
  } else tele.fill(1 / n);
  const outWeight = new Float64Array(n);
  for (const e of edges) outWeight[e.from]! += e.weight;
  // Flat edge arrays: the inner loop then touches only typed arrays.
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const share = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const e = edges[k]!;
    from[k] = e.from;
    to[k] = e.to;
    share[k] = e.weight / outWeight[e.from]!;
  }
  // Warm start from a previous result (same nodes) converges in a few iterations after a small change.
  let rank = options.initial?.length === n ? Float64Array.from(options.initial) : Float64Array.from(tele);
  let next = new Float64Array(n);
  for (let iter = 0; iter < (options.maxIterations ?? 100); iter++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (outWeight[i] === 0) dangling += rank[i]!;
    for (let i = 0; i < n; i++) next[i] = (1 - d + d * dangling) * tele[i]!;
    for (let k = 0; k < from.length; k++) next[to[k]!]! += d * rank[from[k]!]! * share[k]!;
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - rank[i]!);
    [rank, next] = [next, rank];
    if (delta < (options.tolerance ?? 1e-6)) break;
  }
  return rank;
}
