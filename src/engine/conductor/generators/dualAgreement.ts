/**
 * CodeT-style dual execution agreement (Chen et al., "CodeT: Code Generation with Generated Tests", 2022):
 * candidates that pass the same set of generated tests form a consensus set, scored |candidates| × |tests|.
 * Normalised per candidate: (share of the generated tests it passes) × (share of candidates that pass exactly the
 * same tests), in 0..1. `passes[i]` is the set of generated test ids candidate i passed; `total` is how many
 * generated tests there are. With no generated tests every candidate scores 0.
 */
export function dualAgreement(passes: ReadonlyArray<ReadonlySet<string>>, total: number): number[] {
  if (total <= 0 || passes.length === 0) return passes.map(() => 0);
  const keyOf = (s: ReadonlySet<string>): string => JSON.stringify([...s].sort());
  const groupSize = new Map<string, number>();
  for (const s of passes) groupSize.set(keyOf(s), (groupSize.get(keyOf(s)) ?? 0) + 1);
  return passes.map((s) => (s.size / total) * (groupSize.get(keyOf(s))! / passes.length));
}
