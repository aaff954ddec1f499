import type { RepoMap } from "../../../shared/contract/project.js";

export interface GoalSuggestion {
  goal: string;
  rationale: string;
  /** Files the goal is about, most relevant first. */
  focus: string[];
}

/**
 * A next step from the analysis alone, in order of urgency: no tests at all, a FIXME/BUG, a file too big
 * to work with, a TODO, else tests for the most central file that no test references.
 */
export function suggestGoal(map: RepoMap): GoalSuggestion {
  const code = map.files.filter((f) => f.symbols.length > 0);
  const top = map.ranking.filter((r) => !map.files.find((f) => f.path === r.path)?.isTest).map((r) => r.path);
  if (code.length && !code.some((f) => f.isTest)) {
    return { goal: `Set up automated tests, starting with \`${top[0] ?? code[0]!.path}\``, rationale: "The project has no tests, so no change can be verified; the most referenced file is the best first target.", focus: top.slice(0, 3) };
  }
  const fix = map.todos.items.find((t) => t.tag === "FIXME" || t.tag === "BUG");
  if (fix) return { goal: `Resolve the ${fix.tag} in \`${fix.path}:${fix.line}\`: ${fix.text}`, rationale: `A ${fix.tag} marks known broken behaviour (${map.todos.byTag[fix.tag]} such markers in total).`, focus: [fix.path] };
  const huge = [...map.files].filter((f) => !f.isTest && f.lines > 1000).sort((a, b) => b.lines - a.lines)[0];
  if (huge) return { goal: `Split \`${huge.path}\` (${huge.lines} lines) into focused modules without changing behaviour`, rationale: "Very large files are hard to change safely and blow prompt budgets.", focus: [huge.path] };
  const todo = map.todos.items[0];
  if (todo) return { goal: `Address the TODO in \`${todo.path}:${todo.line}\`: ${todo.text}`, rationale: `Open TODOs are the team's own backlog (${map.todos.total} in total).`, focus: [todo.path] };
  const tested = new Set(map.graph.filter((e) => map.files.find((f) => f.path === e.from)?.isTest).map((e) => e.to));
  const untested = top.find((p) => !tested.has(p));
  if (untested) return { goal: `Add tests for \`${untested}\``, rationale: "It is among the most referenced files and no test references it.", focus: [untested] };
  return { goal: "Describe the feature you want next", rationale: "The analysis found no urgent work; pick a product goal.", focus: top.slice(0, 3) };
}

/** Context files for a goal: the focus files, their graph neighbours by weight, then the top-ranked files. */
export function contextFiles(map: RepoMap, focus: readonly string[], max = 8): string[] {
  const out = new Set<string>(focus.filter((f) => map.files.some((x) => x.path === f)));
  const weight = new Map<string, number>();
  // Imports are certain; name references are guesses, so only strong ones count.
  for (const e of map.graph) {
    const w = e.kind === "import" ? e.weight * 2 : e.weight >= 1 ? e.weight : 0;
    if (!w) continue;
    if (focus.includes(e.from)) weight.set(e.to, (weight.get(e.to) ?? 0) + w);
    if (focus.includes(e.to)) weight.set(e.from, (weight.get(e.from) ?? 0) + w / 2);
  }
  for (const [p] of [...weight].sort((a, b) => b[1] - a[1])) if (out.size < max) out.add(p);
  for (const r of map.ranking) if (out.size < Math.min(max, focus.length + 5)) out.add(r.path);
  return [...out].slice(0, max);
}
