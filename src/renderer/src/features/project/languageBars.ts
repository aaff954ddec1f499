import type { AnalyzeSummary } from "../../../../shared/contract/project.js";

export interface LanguageBar {
  language: string;
  files: number;
  lines: number;
  /** Share of all counted lines, 0–100, one decimal. */
  percent: number;
}

/** Languages for the chart: the `max - 1` largest by lines, the rest folded into "other". */
export function languageBars(languages: AnalyzeSummary["languages"], max = 8): LanguageBar[] {
  const total = languages.reduce((a, l) => a + l.lines, 0);
  if (!total) return [];
  const sorted = [...languages].sort((a, b) => b.lines - a.lines);
  const head = sorted.length > max ? sorted.slice(0, max - 1) : sorted;
  const rest = sorted.slice(head.length);
  const rows = head.map((l) => ({ language: l.language, files: l.files, lines: l.lines }));
  if (rest.length) rows.push({ language: "other", files: rest.reduce((a, l) => a + l.files, 0), lines: rest.reduce((a, l) => a + l.lines, 0) });
  return rows.map((r) => ({ ...r, percent: Math.round((r.lines / total) * 1000) / 10 }));
}
