/** One measured figure next to the goal the issue names. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The goal, as text ("≤ 1.0", "≥ 75 tok/s"). */
  goal?: string;
  /** Whether the goal was met; undefined for context figures. */
  pass?: boolean;
  note?: string;
}

export interface BenchReport {
  suite: string;
  startedAt: string;
  rows: BenchRow[];
  /** Free-form context (thread counts chosen, tool versions…). */
  context?: Record<string, unknown>;
}

export function printReport(r: BenchReport): void {
  const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
  const rows = r.rows.map((x) => [x.name, `${fmt(x.value)} ${x.unit}`, x.goal ?? "", x.pass === undefined ? "" : x.pass ? "PASS" : "MISS", x.note ?? ""]);
  const head = ["figure", "value", "goal", "", "note"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(w[i]!)).join("  ").trimEnd();
  process.stdout.write(`\n${r.suite} (${r.startedAt})\n${line(head)}\n${w.map((n) => "-".repeat(n)).join("  ")}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  if (r.context) process.stdout.write(`context: ${JSON.stringify(r.context)}\n`);
}
