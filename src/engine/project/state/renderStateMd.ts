import type { RepoMap } from "../../../shared/contract/project.js";
import type { GitState } from "./readGitState.js";
import type { LastTestResult } from "./readLastTestResult.js";

/** Files longer than this many lines are called out as a risk. */
const HUGE_LINES = 1000;

/** Notable risks: missing tests, huge files, unparsable files, many FIXMEs, uncommitted work. */
export function findRisks(map: RepoMap, git: GitState | null, test: LastTestResult | null): string[] {
  const risks: string[] = [];
  const code = map.files.filter((f) => f.symbols.length || f.language.match(/^(python|typescript|tsx|javascript|go|rust|java)$/));
  const tests = code.filter((f) => f.isTest);
  if (!map.testCommands.length) risks.push("No test command detected: agents cannot check their work.");
  if (code.length && !tests.length) risks.push(`No test files found among ${code.length} source files.`);
  const huge = map.files.filter((f) => f.lines > HUGE_LINES).sort((a, b) => b.lines - a.lines);
  if (huge.length) risks.push(`${huge.length} file(s) over ${HUGE_LINES} lines: ${huge.slice(0, 5).map((f) => `${f.path} (${f.lines})`).join(", ")}.`);
  if (map.stats.skipped.tooLarge) risks.push(`${map.stats.skipped.tooLarge} file(s) above the size cap were not analyzed.`);
  const broken = map.files.filter((f) => f.note === "parse error");
  if (broken.length) risks.push(`${broken.length} file(s) did not parse: ${broken.slice(0, 5).map((f) => f.path).join(", ")}.`);
  const fixme = (map.todos.byTag.FIXME ?? 0) + (map.todos.byTag.BUG ?? 0);
  if (fixme) risks.push(`${fixme} FIXME/BUG marker(s) in the code.`);
  if (git && git.dirty.length) risks.push(`${git.dirty.length} uncommitted change(s) in the working tree.`);
  if (test && test.passed === false) risks.push(`Last known test run failed (${test.summary}).`);
  return risks;
}

/** state.md: where the project stands right now, for humans and for prompts. */
export function renderStateMd(map: RepoMap, git: GitState | null, test: LastTestResult | null): string {
  const lines: string[] = [`# Project state: ${map.name}`, "", `Generated ${map.generatedAt} by ${map.generator} for \`${map.root}\`.`, ""];
  lines.push("## Git", "");
  if (!git) lines.push("Not a git repository (or git is not installed).", "");
  else {
    lines.push(`- Branch: \`${git.branch}\``, `- Uncommitted changes: ${git.dirty.length}`);
    for (const d of git.dirty.slice(0, 30)) lines.push(`  - \`${d.trim()}\``);
    if (git.dirty.length > 30) lines.push(`  - … ${git.dirty.length - 30} more`);
    lines.push("", "### Recent commits", "");
    for (const c of git.commits) lines.push(`- ${c.hash} ${c.date} ${c.subject} (${c.author})`);
    if (!git.commits.length) lines.push("- (none)");
    lines.push("");
  }
  lines.push("## Tests", "");
  if (map.testCommands.length) for (const c of map.testCommands) lines.push(`- \`${c.command}\`${c.cwd !== "." ? ` (in \`${c.cwd}\`)` : ""} — found via ${c.source}`);
  else lines.push("- No test command detected.");
  lines.push(`- Last known result: ${test ? `${test.summary} (from ${test.source}${test.at ? `, ${test.at}` : ""})` : "unknown (no test results found)"}`, "");
  lines.push(`## TODO / FIXME (${map.todos.total})`, "");
  const tags = Object.entries(map.todos.byTag).map(([t, n]) => `${t}: ${n}`);
  if (tags.length) lines.push(tags.join(", "), "");
  for (const t of map.todos.items.slice(0, 50)) lines.push(`- \`${t.path}:${t.line}\` ${t.tag}: ${t.text}`);
  if (map.todos.items.length > 50) lines.push(`- … ${map.todos.total - 50} more in repo_map.json`);
  const risks = findRisks(map, git, test);
  lines.push("", "## Risks", "");
  for (const r of risks) lines.push(`- ${r}`);
  if (!risks.length) lines.push("- None noticed.");
  lines.push("", "## Stack", "", `- Languages: ${map.languages.slice(0, 6).map((l) => `${l.language} (${l.files} files, ${l.lines} lines)`).join(", ") || "none"}`);
  if (map.frameworks.length) lines.push(`- Frameworks: ${map.frameworks.map((f) => f.name).join(", ")}`);
  if (map.packageManagers.length) lines.push(`- Package managers: ${map.packageManagers.map((p) => p.name).join(", ")}`);
  return `${lines.join("\n")}\n`;
}
