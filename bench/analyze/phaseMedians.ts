/** The middle value (upper middle for an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Per-phase medians over several runs' `timings` (walk, scan, assemble, write), as text. */
export function phaseMedians(runs: ReadonlyArray<Record<string, number>>): string {
  return ["walk", "scan", "assemble", "write"].map((k) => `${k} ${median(runs.map((t) => t[k] ?? 0)).toFixed(0)}`).join(", ");
}
