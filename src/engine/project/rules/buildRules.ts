import type { RepoMap, RulesFormat } from "../../../shared/contract/project.js";
import { FAMILIES, globsFor } from "./conventionFacts.js";
import { doneSection, languageSection, overviewSection, presentFamilies, testingSection } from "./ruleSections.js";

export interface RuleDoc {
  /** Relative to the project root, "/"-separated. */
  path: string;
  /** Marker id of the managed section. */
  id: string;
  /** YAML frontmatter for .mdc files. */
  frontmatter?: { description: string; globs: string; alwaysApply: boolean };
  body: string;
}

/** Plain YAML scalar: no leading indicator, no ": " or " #" inside. */
function yamlSafe(text: string): string {
  return text.replace(/: /g, " - ").replace(/ #/g, " ").replace(/^[-?:,[\]{}#&*!|>'"%@`]+/, "").trim();
}

/**
 * Globs for test files: `<top>/**\/<pattern>` where tests follow the language's name pattern (so
 * `src/**\/*.test.ts` rather than all of src), `<top>/**\/*.<ext>` for test folders; root files by name.
 */
function testGlobs(map: RepoMap): string {
  const out = new Set<string>();
  for (const f of map.files) {
    if (!f.isTest || !/^(python|typescript|tsx|javascript|go|rust|java)$/.test(f.language)) continue;
    const pattern = map.conventions.tests.find((t) => t.language === f.language)?.pattern ?? "";
    const base = f.path.slice(f.path.lastIndexOf("/") + 1);
    if (!f.path.includes("/")) {
      out.add(base);
      continue;
    }
    const top = f.path.slice(0, f.path.indexOf("/"));
    const testDir = /^(.*?(?:^|\/)(?:tests?|__tests__|specs?|e2e))\//.exec(f.path)?.[1];
    const re = pattern.startsWith("*") || pattern.includes("*.") ? new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`) : null;
    out.add(re?.test(base) ? `${top}/**/${pattern}` : `${testDir ?? top}/**/*${base.slice(base.lastIndexOf("."))}`);
  }
  return [...out].sort().slice(0, 12).join(",");
}

/**
 * The rule documents for `format`, all derived from the repo map: a small always-applied core (project,
 * stack, definition of done), one glob-attached rule per language family, a testing rule; AGENTS.md and
 * the legacy `.cursorrules` carry the same content as one document. `legacyPath` defaults to `.cursorrules`.
 */
export function buildRules(map: RepoMap, format: RulesFormat, legacyPath = ".cursorrules"): RuleDoc[] {
  const docs: RuleDoc[] = [];
  const families = presentFamilies(map);
  const core = [...overviewSection(map), "", ...doneSection(map)].join("\n");
  if (format === "mdc" || format === "mdc+agents" || format === "all") {
    const stack = map.frameworks.slice(0, 4).map((f) => f.name).join(", ");
    docs.push({
      path: ".cursor/rules/project-core.mdc", id: "project-core",
      frontmatter: { description: yamlSafe(`${map.name} overview - stack${stack ? ` (${stack})` : ""}, layout and definition of done`), globs: "", alwaysApply: true },
      body: core,
    });
    const paths = map.files.map((f) => f.path);
    for (const fam of families) {
      const globs = globsFor(paths, FAMILIES[fam]!.exts);
      if (!globs) continue;
      docs.push({
        path: `.cursor/rules/${fam}.mdc`, id: fam,
        frontmatter: { description: yamlSafe(`${FAMILIES[fam]!.label} conventions observed in ${map.name}`), globs, alwaysApply: false },
        body: languageSection(map, fam).join("\n"),
      });
    }
    const tg = testGlobs(map);
    docs.push({
      path: ".cursor/rules/testing.mdc", id: "testing",
      frontmatter: { description: yamlSafe(`How to write and run tests in ${map.name}`), globs: tg, alwaysApply: !tg },
      body: testingSection(map).join("\n"),
    });
  }
  const combined = [core, ...families.map((f) => languageSection(map, f).join("\n").replace(/^# /, "## ")), testingSection(map).join("\n").replace(/^# /, "## ")].join("\n\n");
  if (format === "agents" || format === "mdc+agents" || format === "all") docs.push({ path: "AGENTS.md", id: "agents", body: combined });
  if (format === "legacy" || format === "all") docs.push({ path: legacyPath, id: "cursorrules", body: combined });
  return docs;
}
