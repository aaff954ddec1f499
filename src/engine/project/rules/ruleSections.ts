import type { RepoMap } from "../../../shared/contract/project.js";
import { FAMILIES, languageLabel, measuredLines, styleLines } from "./conventionFacts.js";

const code = (s: string): string => `\`${s}\``;
const NON_CODE = new Set(["markdown", "json", "yaml", "toml", "xml", "restructuredtext", "other", "html", "css"]);
const CATEGORY: Record<string, string> = { ui: "UI", cli: "CLI", api: "API", ml: "ML" };

function cmdLine(c: RepoMap["testCommands"][number]): string {
  return `${code(c.command)}${c.cwd !== "." ? ` in ${code(c.cwd)}` : ""} (found via ${c.source})`;
}

/** Language families present enough to deserve a rule (≥ 3 files or ≥ 10% of code files). */
export function presentFamilies(map: RepoMap): string[] {
  const total = map.languages.filter((l) => Object.values(FAMILIES).some((f) => f.languages.includes(l.language))).reduce((a, l) => a + l.files, 0);
  return Object.entries(FAMILIES)
    .filter(([, f]) => {
      const n = map.languages.filter((l) => f.languages.includes(l.language)).reduce((a, l) => a + l.files, 0);
      return n >= 3 || (n > 0 && n / Math.max(1, total) >= 0.1);
    })
    .map(([id]) => id);
}

/** What the project is, its stack, layout and central files. */
export function overviewSection(map: RepoMap): string[] {
  const langs = map.languages.filter((l) => l.files > 0 && !NON_CODE.has(l.language)).slice(0, 6).map((l) => `${languageLabel(l.language)} (${l.files} files)`);
  const out = [`# ${map.name}`, "", "## Stack", `- Languages: ${langs.join(", ") || "none detected"}.`];
  const byCat = new Map<string, string[]>();
  for (const f of map.frameworks) (byCat.get(f.category) ?? byCat.set(f.category, []).get(f.category)!).push(f.name);
  for (const [cat, names] of byCat) out.push(`- ${CATEGORY[cat] ?? cat.charAt(0).toUpperCase() + cat.slice(1)}: ${names.join(", ")}.`);
  if (map.testFrameworks.length) out.push(`- Testing: ${map.testFrameworks.map((t) => t.name).join(", ")}.`);
  for (const pm of map.packageManagers) out.push(`- Package manager: ${pm.name} (${pm.evidence[0]}); use it for every dependency change, do not mix managers.`);
  out.push("", "## Layout");
  for (const d of map.conventions.layout.filter((d) => d.dir !== ".").slice(0, 8)) out.push(`- ${code(`${d.dir}/`)}: ${d.files} files.`);
  if (map.entryPoints.length) out.push(`- Entry points: ${map.entryPoints.slice(0, 6).map((e) => `${code(e.path)} (${e.kind})`).join(", ")}.`);
  const top = map.ranking.slice(0, 8).map((r) => code(r.path));
  if (top.length) out.push(`- Most referenced files (read these first): ${top.join(", ")}.`);
  return out;
}

/** The definition of done: tests, lint, types. */
export function doneSection(map: RepoMap): string[] {
  const out = ["## Definition of done"];
  if (map.testCommands.length) {
    out.push(`- Run ${cmdLine(map.testCommands[0]!)} and make it pass before you finish.`);
    for (const c of map.testCommands.slice(1, 4)) out.push(`- Also available: ${cmdLine(c)}.`);
  } else out.push("- No test command was found: say how you verified the change.");
  const tools: RepoMap["tooling"] = [];
  // One line per tool, naming its root config (tsconfig.json before tsconfig.web.json).
  for (const t of [...map.tooling].sort((a, b) => a.config.length - b.config.length)) if (["lint", "format", "types"].includes(t.purpose) && !tools.some((x) => x.tool === t.tool)) tools.push(t);
  for (const t of tools.slice(0, 6)) out.push(`- Keep ${t.tool} clean (${code(t.config)}).`);
  out.push("- Add or update tests for behaviour you change, following the testing conventions.");
  return out;
}

/** Naming, formatting and measured conventions for one language family. */
export function languageSection(map: RepoMap, family: string): string[] {
  const f = FAMILIES[family]!;
  const out = [`# ${f.label} conventions in ${map.name}`, "", "Observed in this codebase; follow them in new code:"];
  for (const l of [...styleLines(map, family), ...measuredLines(map, family)]) out.push(`- ${l}`);
  const fws = map.frameworks.filter((fw) => fw.evidence.some((e) => /package\.json|pyproject|requirements|go\.mod|Cargo\.toml|pom\.xml|gradle|dependencies/.test(e)));
  const relevant = fws.filter((fw) => frameworkFamily(fw.evidence.join(" ")) === family || (family === "typescript" && frameworkFamily(fw.evidence.join(" ")) === "javascript"));
  if (relevant.length && !(family === "javascript" && presentFamilies(map).includes("typescript"))) out.push(`- Libraries in use: ${relevant.map((x) => x.name).join(", ")}. Prefer them over adding new dependencies.`);
  const example = map.ranking.map((r) => map.files.find((x) => x.path === r.path)).find((x) => x && f.languages.includes(x.language) && !x.isTest);
  if (example) out.push(`- A representative, central file to imitate: ${code(example.path)}.`);
  return out;
}

function frameworkFamily(evidence: string): string {
  if (/package\.json/.test(evidence)) return "javascript";
  if (/pyproject|requirements|dependencies →|setup\./.test(evidence)) return "python";
  if (/go\.mod/.test(evidence)) return "go";
  if (/Cargo\.toml/.test(evidence)) return "rust";
  return "java";
}

/** Test frameworks, commands and where tests live. */
export function testingSection(map: RepoMap): string[] {
  const out = ["# Testing", ""];
  if (map.testFrameworks.length) out.push(`- Frameworks: ${map.testFrameworks.map((t) => `${t.name} (${languageLabel(t.language)})`).join(", ")}.`);
  for (const c of map.testCommands) out.push(`- Run ${cmdLine(c)}.`);
  if (!map.testCommands.length) out.push("- No test command detected yet; propose one before adding tests.");
  for (const t of map.conventions.tests) {
    const dirs = t.dirs.map((d) => code(`${d}/`)).join(", ");
    const where = t.placement === "colocated" ? "next to the code they test" : t.placement === "separate" ? `in ${dirs}` : `next to the code they test (${t.colocated}) and in ${dirs} (${t.files - t.colocated})`;
    out.push(`- ${languageLabel(t.language)} tests (${t.files} file${t.files === 1 ? "" : "s"}) live ${where}; name them ${code(t.pattern)}.`);
  }
  out.push("- A test must assert behaviour that could fail; never skip or delete a failing test to get green.");
  return out;
}
