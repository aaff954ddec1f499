import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzeSummary, PlannedFile } from "../../../src/shared/contract/project.js";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { createProjectFeature } from "../../../src/engine/project/projectFeature.js";
import { runToCompletion } from "../../../src/shared/rpc/runToCompletion.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { vitestRepo } from "../../support/project/fixtureRepos.js";
import { tempTree } from "../../support/project/writeTree.js";

let t: TestEngine;
let root: string;

beforeAll(async () => {
  // A few dozen modules around one hub; the worker pool itself is covered by ExtractorPool.test.ts.
  const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`src/gen/m${i}.ts`, `import { createHub } from "../hub.js";\nexport function use${i}(): number {\n  return createHub(${i}).sizeOf();\n}\n`]));
  root = tempTree({ ...vitestRepo, ...many });
  t = await createTestEngine({ configYaml: "project:\n  workers: 2\n" });
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("project feature over RPC", () => {
  it("analyze runs with progress events and returns a summary; re-running is served from the cache", async () => {
    const events: RunEvent[] = [];
    const s = (await runToCompletion(t.client, "project.analyze", { path: root }, { onEvent: (e) => events.push(e) })) as AnalyzeSummary;
    expect(s.stats.filesParsed).toBe(85);
    expect(s.topFiles[0]!.path).toBe("src/hub.ts");
    expect(s.testCommands[0]!.command).toBe("npm test");
    expect(s.previews.map((p) => path.basename(p.path))).toEqual(["repo_map.json", "state.md"]);
    expect(s.previews[1]!.head).toContain("# Project state: demo-ts");
    const fractions = events.filter((e) => e.type === "progress").map((e) => (e as { fraction: number }).fraction);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.at(-1)).toBe(1);
    const again = (await runToCompletion(t.client, "project.analyze", { path: root })) as AnalyzeSummary;
    expect(again.stats).toMatchObject({ filesParsed: 0, cacheHits: s.stats.filesListed });
    expect((await t.client.call("project.recent", {})).projects[0]).toMatchObject({ root: fs.realpathSync(root), outDir: path.join(fs.realpathSync(root), "artifacts") });
    const summary = await t.client.call("project.summary", { input: root });
    expect(summary.topFiles[0]!.path).toBe("src/hub.ts");
  });

  it("cursorrules dry-run plans without writing, then writes", async () => {
    const dry = (await runToCompletion(t.client, "project.cursorrules", { input: root, format: "all", dryRun: true })) as { files: PlannedFile[] };
    expect(dry.files.map((f) => f.action)).toEqual(Array(dry.files.length).fill("create"));
    expect(fs.existsSync(path.join(root, "AGENTS.md"))).toBe(false);
    expect(dry.files.find((f) => f.path.endsWith("AGENTS.md"))!.diff).toContain("+- Run `npm test`");
    const real = (await runToCompletion(t.client, "project.cursorrules", { input: root, format: "all" })) as { files: PlannedFile[] };
    expect(real.files.every((f) => f.written)).toBe(true);
    expect(fs.readFileSync(path.join(root, ".cursor/rules/project-core.mdc"), "utf8")).toContain("alwaysApply: true");
  });

  it("propose writes the next-feature prompt from the analysis and the editable template", async () => {
    const r = (await runToCompletion(t.client, "project.propose", { input: path.join(root, "artifacts", "repo_map.json"), goal: "Add a cache to Hub" })) as { path: string; text: string };
    expect(r.path).toBe(path.join(fs.realpathSync(root), "artifacts", "prompts", "next_feature.md"));
    expect(r.text).toContain("## Goal\nAdd a cache to Hub");
    expect(r.text).toContain("Run `npm test`");
    expect(r.text).toContain("`src/hub.ts`");
    expect(r.text).not.toMatch(/\{\{\w+\}\}/);
    const userTemplate = path.join(t.dataDir, "templates", "next_feature.md");
    fs.writeFileSync(userTemplate, "GOAL={{goal}} TEST={{test_command}}\n");
    const edited = (await runToCompletion(t.client, "project.propose", { input: root, goal: "X" })) as { text: string };
    expect(edited.text).toBe("GOAL=X TEST=npm test\n");
  });

  it("reports a missing repo map as not_found and the grammars in doctor", async () => {
    await expect(t.client.call("project.summary", { input: path.join(root, "nope") })).rejects.toMatchObject({ code: "not_found" });
    // The feature's own doctor check (system.doctor also runs other capabilities' slower probes).
    const feature = createProjectFeature(t.engine.ctx);
    try {
      expect(await feature.doctor!(new AbortController().signal)).toEqual([expect.objectContaining({ id: "project.grammars", status: "ok" })]);
    } finally {
      await feature.dispose?.();
    }
  });
});
