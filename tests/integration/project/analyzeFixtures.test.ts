import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeProject } from "../../../src/engine/project/analyzeProject.js";
import { loadRepoMap } from "../../../src/engine/project/index.js";
import { cargoRepo, goRepo, jestRepo, mavenRepo, pytestRepo, vitestRepo } from "../../support/project/fixtureRepos.js";
import { tempTree, type Tree } from "../../support/project/writeTree.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function analyze(tree: Tree) {
  const root = tempTree(tree);
  dirs.push(root);
  const result = await analyzeProject({ root });
  return { root, result, map: result.map };
}

const brief = (syms: Array<{ kind: string; name: string; parent?: string; startLine: number; endLine: number; exported: boolean }>) =>
  syms.map((s) => `${s.kind} ${s.parent ? `${s.parent}.` : ""}${s.name} ${s.startLine}-${s.endLine}${s.exported ? " exported" : ""}`);

describe("analyze: Python + pytest", () => {
  it("finds the pytest command, exact symbols and the hub first", async () => {
    const { map, result } = await analyze(pytestRepo);
    expect(map.testCommands[0]).toMatchObject({ command: "pytest", cwd: ".", framework: "pytest" });
    expect(map.testCommands[0]!.source).toContain("[tool.pytest.ini_options]");
    expect(map.packageManagers.map((p) => p.name)).toEqual(["pip"]);
    expect(map.frameworks.map((f) => f.name)).toContain("Requests");
    const core = map.files.find((f) => f.path === "pkg/core.py")!;
    expect(brief(core.symbols)).toEqual([
      "constant MAX_ITEMS 3-3 exported",
      "class Registry 6-14 exported",
      "method Registry.__init__ 9-10 exported",
      "method Registry.add 12-14 exported",
      "function register 17-20 exported",
    ]);
    expect(core.symbols.find((s) => s.name === "add")!.signature).toBe("def add(self, item: str) -> int");
    expect(map.ranking[0]!.path).toBe("pkg/core.py");
    const importEdges = map.graph.filter((e) => e.kind === "import" && e.to === "pkg/core.py").map((e) => e.from).sort();
    expect(importEdges).toEqual(["pkg/a.py", "pkg/b.py", "pkg/c.py", "tests/test_core.py"]);
    expect(fs.existsSync(result.repoMapPath) && fs.existsSync(result.statePath)).toBe(true);
    expect(map.mapText.startsWith("pkg/core.py:\n")).toBe(true);
  });
});

describe("analyze: TypeScript + Vitest", () => {
  it("finds npm test, exact symbols, imports and the hub first; the file validates against the schema", async () => {
    const { map, root } = await analyze(vitestRepo);
    expect(map.testCommands).toEqual([{ command: "npm test", cwd: ".", framework: "Vitest", source: 'package.json scripts.test = "vitest run"' }]);
    expect(map.packageManagers).toEqual([{ name: "npm", evidence: ["package-lock.json"] }]);
    const hub = map.files.find((f) => f.path === "src/hub.ts")!;
    expect(brief(hub.symbols)).toEqual([
      "interface HubOptions 2-4 exported",
      "class Hub 6-11 exported",
      "method Hub.constructor 7-7 exported",
      "method Hub.sizeOf 8-10 exported",
      "function createHub 13-15 exported",
      "variable DEFAULT_SIZE 17-17 exported",
    ]);
    expect(hub.symbols.find((s) => s.name === "createHub")!.signature).toBe("export function createHub(size: number): Hub");
    expect(map.files.find((f) => f.path === "src/c.ts")!.imports).toEqual(["./hub.js", "./a.js"]);
    expect(map.ranking[0]!.path).toBe("src/hub.ts");
    expect(map.files.find((f) => f.path === "src/hub.test.ts")!.isTest).toBe(true);
    expect(map.conventions.tests[0]).toMatchObject({ language: "typescript", placement: "colocated", pattern: "*.test.ts" });
    const loaded = await loadRepoMap(root);
    expect(loaded.files.length).toBe(map.files.length);
    expect(loaded.mapText).toBe(map.mapText);
  });

  it("detects Jest with yarn and no test script", async () => {
    const { map } = await analyze(jestRepo);
    expect(map.testCommands[0]).toMatchObject({ command: "yarn jest", framework: "Jest" });
    expect(map.packageManagers[0]).toEqual({ name: "yarn", evidence: ["yarn.lock"] });
    expect(map.entryPoints).toContainEqual({ path: "lib/index.js", kind: "main", evidence: "package.json main" });
    expect(map.graph).toContainEqual(expect.objectContaining({ from: "lib/index.js", to: "lib/util.js", kind: "import" }));
  });
});

describe("analyze: Go, Rust, Java", () => {
  it("go test, package-level import edges and the main entry point", async () => {
    const { map } = await analyze(goRepo);
    expect(map.testCommands[0]).toMatchObject({ command: "go test ./...", cwd: ".", framework: "go test" });
    expect(map.frameworks.map((f) => f.name)).toContain("Cobra");
    expect(map.entryPoints).toContainEqual({ path: "cmd/app/main.go", kind: "main", evidence: "package main, func main" });
    expect(map.graph).toContainEqual(expect.objectContaining({ from: "cmd/app/main.go", to: "internal/hub/hub.go", kind: "import" }));
    const hub = map.files.find((f) => f.path === "internal/hub/hub.go")!;
    expect(brief(hub.symbols)).toEqual(["struct Server 4-6 exported", "method Server.Start 8-10 exported", "function New 12-14 exported"]);
    expect(hub.symbols[1]!.signature).toBe("func (s *Server) Start(port int) error");
  });

  it("cargo test, mod edges, traits and impls", async () => {
    const { map } = await analyze(cargoRepo);
    expect(map.testCommands[0]).toMatchObject({ command: "cargo test", cwd: "." });
    expect(map.entryPoints).toContainEqual({ path: "src/main.rs", kind: "main", evidence: "Cargo.toml (cargo default target)" });
    expect(map.graph).toContainEqual(expect.objectContaining({ from: "src/main.rs", to: "src/util.rs", kind: "import" }));
    const util = map.files.find((f) => f.path === "src/util.rs")!;
    expect(brief(util.symbols).slice(0, 4)).toEqual(["trait Shape 1-3 exported", "method Shape.area 2-2 exported", "struct Square 5-7 exported", "method Square.area 10-12"]);
    expect(map.ranking[0]!.path).toBe("src/util.rs");
  });

  it("maven wrapper command, JUnit 5 and class imports", async () => {
    const { map } = await analyze(mavenRepo);
    expect(map.testCommands[0]).toMatchObject({ command: "./mvnw test", framework: "JUnit 5" });
    expect(map.entryPoints.map((e) => e.path)).toContain("src/main/java/com/demo/App.java");
    expect(map.graph).toContainEqual(expect.objectContaining({ from: "src/main/java/com/demo/App.java", to: "src/main/java/com/demo/util/Greeter.java", kind: "import" }));
    expect(map.files.find((f) => f.path.endsWith("GreeterTest.java"))!.isTest).toBe(true);
  });
});

describe("analyze: this repository", () => {
  it("succeeds and finds its own test command (npm test)", async () => {
    const root = path.resolve(__dirname, "../../..");
    const out = fs.mkdtempSync(path.join(root, "node_modules", ".cc-self-"));
    dirs.push(out);
    const { map } = await analyzeProject({ root, outDir: out });
    expect(map.testCommands[0]).toMatchObject({ command: "npm test", cwd: "." });
    expect(map.testFrameworks.map((t) => t.name)).toContain("Vitest");
    expect(map.languages[0]!.language).toBe("typescript");
    expect(map.files.some((f) => f.path === "src/engine/project/analyzeProject.ts")).toBe(true);
    expect(map.files.some((f) => f.path.startsWith("node_modules/"))).toBe(false);
  });
});
