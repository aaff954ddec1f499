import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RepoMap } from "../../../shared/contract/project.js";
import { exploreFiles, words } from "./exploreFiles.js";

const file = (p: string, symbols: string[], bytes = 10) => ({
  path: p,
  language: "python",
  bytes,
  lines: 1,
  symbols: symbols.map((name) => ({ name, kind: "function" as const, signature: `def ${name}()`, startLine: 1, endLine: 2, exported: true })),
  imports: [],
  isTest: p.includes("test"),
});

describe("exploreFiles", () => {
  it("splits camelCase and snake_case task words and drops stop words", () => {
    expect([...words("Fix the addNumbers function in calc_utils")].sort()).toEqual(["add", "addnumbers", "calc", "calcutils", "function", "numbers", "utils"].sort());
  });

  it("ranks the file whose symbols match the task first, with reasons, and leaves unrelated files out", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-explore-"));
    fs.writeFileSync(path.join(root, "calc.py"), "def add(a, b):\n    return a - b\n");
    fs.writeFileSync(path.join(root, "readme.md"), "nothing here");
    fs.writeFileSync(path.join(root, "test_calc.py"), "from calc import add\n");
    const map = { files: [file("readme.md", []), file("calc.py", ["add", "subtract"]), file("test_calc.py", ["test_add"])] } as unknown as RepoMap;
    const ranked = exploreFiles("Make add() return the sum in calc", map, { root });
    expect(ranked.map((f) => f.path)).toEqual(["calc.py", "test_calc.py"]);
    expect(ranked[0]!.reasons).toContain("symbol add");
    expect(ranked[0]!.reasons.some((r) => r.startsWith("path"))).toBe(true);
  });
});
