import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { analyzeProject } from "../../../src/engine/project/analyzeProject.js";
import { tempTree } from "../../support/project/writeTree.js";

let root = "";
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("analyze: awkward files", () => {
  it("skips binaries, lists but does not read a 5 MB file, and tolerates invalid UTF-8", async () => {
    const big = `export const x = 1;\n${"// padding line\n".repeat(340_000)}`;
    root = tempTree({
      "ok.ts": "export function fine(): number {\n  return 1;\n}\n",
      "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      "blob.dat2": Buffer.concat([Buffer.from("text then "), Buffer.alloc(16), Buffer.from("nul")]),
      "latin1.py": Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from("\ndef gr\xfc\xdfe():\n    return 1\n", "latin1"), Buffer.from("def after():\n    pass\n")]),
      "big.ts": big,
    });
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    const { map } = await analyzeProject({ root, maxFileBytes: 1_000_000 });
    expect(map.files.map((f) => f.path).sort()).toEqual(["big.ts", "latin1.py", "ok.ts"]);
    expect(map.stats.skipped.binary).toBe(2);
    expect(map.stats.skipped.tooLarge).toBe(1);
    const bigFile = map.files.find((f) => f.path === "big.ts")!;
    expect(bigFile).toMatchObject({ note: "too large", symbols: [], bytes: Buffer.byteLength(big) });
    const latin = map.files.find((f) => f.path === "latin1.py")!;
    expect(latin.symbols.map((s) => s.name)).toContain("after");
    expect(map.files.find((f) => f.path === "ok.ts")!.symbols.map((s) => s.name)).toEqual(["fine"]);
  });

  it("re-analysis reuses unchanged files and re-parses only the changed one", async () => {
    root = tempTree({ "a.ts": "export function a(): void {}\n", "b.ts": 'import { a } from "./a.js";\nexport function b(): void { a(); }\n' });
    const first = await analyzeProject({ root });
    expect(first.map.stats).toMatchObject({ filesParsed: 2, cacheHits: 0 });
    const again = await analyzeProject({ root, cache: first.cache });
    expect(again.map.stats).toMatchObject({ filesParsed: 0, cacheHits: 2 });
    fs.writeFileSync(`${root}/a.ts`, "export function a(): void {}\nexport function a2(): void {}\n");
    const changed = await analyzeProject({ root, cache: first.cache });
    expect(changed.map.stats).toMatchObject({ filesParsed: 1, cacheHits: 1 });
    expect(changed.map.files.find((f) => f.path === "a.ts")!.symbols.map((s) => s.name)).toEqual(["a", "a2"]);
    // Touched (new mtime) but identical content: the hash says reuse.
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(`${root}/b.ts`, t, t);
    const touched = await analyzeProject({ root, cache: first.cache });
    expect(touched.map.stats).toMatchObject({ filesParsed: 0, cacheHits: 2 });
    fs.rmSync(`${root}/b.ts`);
    const removed = await analyzeProject({ root, cache: first.cache });
    expect(removed.map.files.map((f) => f.path)).toEqual(["a.ts"]);
    expect(first.cache.entries.has("b.ts")).toBe(false);
  });

  it("a cache saved to disk and loaded again gives the same map", async () => {
    root = tempTree({ "m.py": "def f():\n    pass\n" });
    const first = await analyzeProject({ root });
    const file = `${root}/../cc-cache-${process.pid}.bin`;
    try {
      first.cache.save(file);
      const { AnalysisCache } = await import("../../../src/engine/project/cache/AnalysisCache.js");
      const { CACHE_SALT } = await import("../../../src/engine/project/analyzeProject.js");
      const loaded = AnalysisCache.load(file, first.cache.root, CACHE_SALT);
      const again = await analyzeProject({ root, cache: loaded });
      expect(again.map.stats.cacheHits).toBe(1);
      expect(again.map.files).toEqual(first.map.files);
      expect(AnalysisCache.load(file, first.cache.root, "other-salt").entries.size).toBe(0);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe("analyze: incremental equals cold", () => {
  it("after edits that add, rename and remove definitions and files, the cached result matches a fresh analysis", async () => {
    const files: Record<string, string> = {
      "package.json": '{ "name": "inc", "scripts": { "test": "vitest run" } }',
      "src/hub.ts": "export function hubFn(): number {\n  return 1;\n}\n",
      "src/a.ts": 'import { hubFn } from "./hub.js";\nexport function useHub(): number {\n  return hubFn() + laterName();\n}\n',
      "src/b.ts": "export function other(): void {}\n",
      "src/b.test.ts": 'import { other } from "./b.js";\nother();\n',
      "lib/util.py": "def helper_one():\n    pass\n",
    };
    root = tempTree(files);
    const first = await analyzeProject({ root });
    const cache = first.cache;
    // PageRank is warm-started incrementally: ranks agree to the solver's tolerance, not bit for bit.
    const strip = (m: typeof first.map) => ({ ...m, generatedAt: "", ranking: [], mapText: "", stats: { ...m.stats, durationMs: 0, cacheHits: 0, filesParsed: 0 } });
    const steps: Array<() => void> = [
      () => fs.writeFileSync(`${root}/src/b.ts`, "export function other(): void {}\nexport function laterName(): number {\n  return 2;\n}\n"),
      () => fs.writeFileSync(`${root}/src/hub.ts`, "export function hubFnRenamed(): number {\n  return 1;\n}\n"),
      () => fs.writeFileSync(`${root}/src/c.ts`, 'import { laterName } from "./b.js";\nexport const C = laterName();\n'),
      () => fs.rmSync(`${root}/src/b.test.ts`),
      () => fs.writeFileSync(`${root}/lib/util.py`, "def HelperTwo():\n  pass\n"),
    ];
    for (const step of steps) {
      step();
      const inc = await analyzeProject({ root, cache });
      const cold = await analyzeProject({ root });
      expect(strip(inc.map)).toEqual(strip(cold.map));
      const coldRank = new Map(cold.map.ranking.map((r) => [r.path, r.rank]));
      expect(inc.map.ranking.map((r) => r.path).sort()).toEqual([...coldRank.keys()].sort());
      for (const r of inc.map.ranking) expect(Math.abs(r.rank - coldRank.get(r.path)!)).toBeLessThan(1e-5);
    }
  });
});
