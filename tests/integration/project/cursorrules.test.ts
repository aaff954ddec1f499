import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RepoMap } from "../../../src/shared/contract/project.js";
import { analyzeProject } from "../../../src/engine/project/analyzeProject.js";
import { buildRules } from "../../../src/engine/project/rules/buildRules.js";
import { planRules } from "../../../src/engine/project/rules/planRules.js";
import { pytestRepo, vitestRepo } from "../../support/project/fixtureRepos.js";
import { tempTree } from "../../support/project/writeTree.js";

let tsRoot: string;
let pyRoot: string;
let tsMap: RepoMap;
let pyMap: RepoMap;

beforeAll(async () => {
  tsRoot = tempTree(vitestRepo);
  pyRoot = tempTree(pytestRepo);
  tsMap = (await analyzeProject({ root: tsRoot })).map;
  pyMap = (await analyzeProject({ root: pyRoot })).map;
});
afterAll(() => {
  for (const d of [tsRoot, pyRoot]) fs.rmSync(d, { recursive: true, force: true });
});

function frontmatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(m, "file starts with a frontmatter block").not.toBeNull();
  return parseYaml(m![1]!) as Record<string, unknown>;
}

describe("cursorrules: generated files", () => {
  it("writes .mdc files whose YAML frontmatter parses with the right types", () => {
    const files = planRules(tsRoot, buildRules(tsMap, "mdc"));
    expect(files.map((f) => path.relative(tsRoot, f.path)).sort()).toEqual([".cursor/rules/project-core.mdc", ".cursor/rules/testing.mdc", ".cursor/rules/typescript.mdc"]);
    for (const f of files) {
      const fm = frontmatter(fs.readFileSync(f.path, "utf8"));
      expect(typeof fm.description).toBe("string");
      expect((fm.description as string).length).toBeGreaterThan(10);
      expect(typeof fm.alwaysApply).toBe("boolean");
      if (fm.alwaysApply === false) {
        expect(typeof fm.globs).toBe("string");
        const globs = (fm.globs as string).split(",");
        expect(globs.length).toBeGreaterThan(0);
        for (const g of globs) expect(g).toMatch(/^(?!\/)(?!\.\.)[^\s,]+$/);
      }
    }
    const core = fs.readFileSync(path.join(tsRoot, ".cursor/rules/project-core.mdc"), "utf8");
    expect(frontmatter(core).alwaysApply).toBe(true);
    expect(core).toContain("`npm test`");
    expect(core).toContain("Vitest");
    const ts = fs.readFileSync(path.join(tsRoot, ".cursor/rules/typescript.mdc"), "utf8");
    expect(frontmatter(ts).globs).toBe("src/**/*.ts");
    expect(ts).toContain("Relative imports carry the `.js` extension");
    expect(frontmatter(fs.readFileSync(path.join(tsRoot, ".cursor/rules/testing.mdc"), "utf8")).globs).toBe("src/**/*.test.ts");
  });

  it("AGENTS.md and .cursorrules reflect the Python stack and its test command", () => {
    const files = planRules(pyRoot, buildRules(pyMap, "all"));
    const agents = fs.readFileSync(path.join(pyRoot, "AGENTS.md"), "utf8");
    expect(agents).toContain("`pytest`");
    expect(agents).toMatch(/Function and method names are snake_case/);
    expect(agents).toContain("Python tests (1 file) live in `tests/`; name them `test_*.py`.");
    expect(fs.readFileSync(path.join(pyRoot, ".cursorrules"), "utf8")).toContain("`pytest`");
    expect(files.every((f) => f.action === "create" && f.written)).toBe(true);
  });
});

describe("cursorrules: user edits", () => {
  it("keeps text outside the markers and edited frontmatter, updates the managed part", () => {
    const dir = tempTree({});
    try {
      planRules(dir, buildRules(tsMap, "all"));
      const agentsFile = path.join(dir, "AGENTS.md");
      const mdcFile = path.join(dir, ".cursor/rules/typescript.mdc");
      fs.writeFileSync(agentsFile, `# My header\n\n${fs.readFileSync(agentsFile, "utf8").replace("npm test", "old command")}\n## My notes\nKeep me.\n`);
      fs.writeFileSync(mdcFile, fs.readFileSync(mdcFile, "utf8").replace("globs: src/**/*.ts", "globs: src/**/*.ts,lib/**/*.ts") + "\nUser tail.\n");
      const plan = planRules(dir, buildRules(tsMap, "all"));
      expect(plan.find((f) => f.path === agentsFile)!.action).toBe("update");
      const agents = fs.readFileSync(agentsFile, "utf8");
      expect(agents.startsWith("# My header\n")).toBe(true);
      expect(agents).toContain("## My notes\nKeep me.");
      expect(agents).toContain("`npm test`");
      expect(agents).not.toContain("old command");
      const mdc = fs.readFileSync(mdcFile, "utf8");
      expect(frontmatter(mdc).globs).toBe("src/**/*.ts,lib/**/*.ts");
      expect(mdc.endsWith("User tail.\n")).toBe(true);
      expect(plan.find((f) => f.path === mdcFile)!.action).toBe("unchanged");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to overwrite a hand-written file without force; force keeps a backup", () => {
    const dir = tempTree({ "AGENTS.md": "# Hand written\n", ".cursor/rules/testing.mdc": "---\ndescription: mine\n---\nmine\n" });
    try {
      const plan = planRules(dir, buildRules(tsMap, "all"));
      expect(plan.find((f) => f.path.endsWith("AGENTS.md"))).toMatchObject({ action: "conflict", written: false });
      expect(fs.readFileSync(path.join(dir, "AGENTS.md"), "utf8")).toBe("# Hand written\n");
      const dry = planRules(dir, buildRules(tsMap, "all"), { force: true, dryRun: true });
      expect(dry.find((f) => f.path.endsWith("AGENTS.md"))).toMatchObject({ action: "overwrite", written: false });
      expect(dry.find((f) => f.path.endsWith("AGENTS.md"))!.diff).toContain("-# Hand written");
      planRules(dir, buildRules(tsMap, "all"), { force: true });
      expect(fs.readFileSync(path.join(dir, "AGENTS.md.bak"), "utf8")).toBe("# Hand written\n");
      expect(fs.readFileSync(path.join(dir, "AGENTS.md"), "utf8")).toContain("codeconductor:begin agents");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
