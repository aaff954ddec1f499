import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATOR_EXCLUDES } from "./generatorExcludes.js";
import { ProjectIgnore } from "./ProjectIgnore.js";

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-ignore-")));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("ProjectIgnore", () => {
  it("answers like the repo walk: nested .gitignore with negation, vendored folders, the generator's excludes", () => {
    for (const d of ["src/gen", "node_modules/x", "artifacts", "build"]) fs.mkdirSync(path.join(root, d), { recursive: true });
    fs.writeFileSync(path.join(root, ".gitignore"), "build/\n*.log\n");
    fs.writeFileSync(path.join(root, "src/.gitignore"), "gen/\n!keep.log\n");
    const ig = new ProjectIgnore(root, GENERATOR_EXCLUDES);
    const at = (rel: string): string => path.join(root, rel);
    expect(ig.ignores(at("src/a.py"), false)).toBe(false);
    expect(ig.ignores(at("src"), true)).toBe(false);
    expect(ig.ignores(at("build"), true)).toBe(true);
    expect(ig.ignores(at("build/out.js"), false)).toBe(true);
    expect(ig.ignores(at("x.log"), false)).toBe(true);
    expect(ig.ignores(at("src/keep.log"), false)).toBe(false);
    expect(ig.ignores(at("src/gen/z.py"), false)).toBe(true);
    expect(ig.ignores(at("node_modules/x/i.js"), false)).toBe(true);
    expect(ig.ignores(at("artifacts/repo_map.json"), false)).toBe(true);
    expect(ig.ignores(at("src/.a.py.swp"), false)).toBe(true);
    expect(ig.ignores(at("src/a.py~"), false)).toBe(true);
    expect(ig.ignores(path.join(os.tmpdir(), "elsewhere.py"), false)).toBe(true);
  });

  it("sees a changed .gitignore after invalidate()", () => {
    const ig = new ProjectIgnore(root, []);
    expect(ig.ignores(path.join(root, "notes.txt"), false)).toBe(false);
    fs.writeFileSync(path.join(root, ".gitignore"), "notes.txt\n");
    ig.invalidate();
    expect(ig.ignores(path.join(root, "notes.txt"), false)).toBe(true);
  });
});
