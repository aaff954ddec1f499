/**
 * `npm run bench -- analyze [--files N] [--reps R]`: project analysis speed.
 * - Cold analysis of a generated N-file multi-language repository (default 10,000) and of this repository,
 *   each against `ctags -R` (Universal Ctags) on the same tree: wall times and the ratio (goal ≤ 1.0).
 * - Incremental re-analysis after changing one file, in the long-lived engine (memory cache): goal ≤ 100 ms.
 *   Also shown: a touch without content change, and a fresh process that loads the cache from disk.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeProject } from "../src/engine/project/analyzeProject.js";
import { AnalysisCache } from "../src/engine/project/cache/AnalysisCache.js";
import { createExtractor } from "../src/engine/project/scan/createExtractor.js";
import { generateRepo } from "./analyze/generateRepo.js";
import { findCtags, timeCtags } from "./analyze/timeCtags.js";
import type { BenchReport, BenchRow } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..");

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Cold analysis: fresh cache and a fresh parser pool each time; the best of `reps`. */
async function coldAnalysis(root: string, out: string, reps: number): Promise<{ ms: number; files: number; paths: string[]; cache: AnalysisCache }> {
  let best = Infinity;
  let last!: Awaited<ReturnType<typeof analyzeProject>>;
  for (let i = 0; i < reps; i++) {
    const ex = createExtractor(0);
    const t0 = performance.now();
    last = await analyzeProject({ root, outDir: out, extract: ex.extract });
    best = Math.min(best, performance.now() - t0);
    await ex.dispose();
  }
  return { ms: best, files: last.map.stats.filesListed, paths: last.map.files.map((f) => f.path), cache: last.cache };
}

async function incremental(root: string, out: string, cache: AnalysisCache, reps: number): Promise<{ change: number[]; touch: number[] }> {
  const file = path.join(root, "src/m1/mod1.ts");
  const change: number[] = [];
  const touch: number[] = [];
  for (let i = 0; i < reps; i++) {
    fs.appendFileSync(file, `\nexport function benchExtra${i}(n: number): number {\n  return n + ${i};\n}\n`);
    let t0 = performance.now();
    const r = await analyzeProject({ root, outDir: out, cache });
    change.push(performance.now() - t0);
    if (r.map.stats.filesParsed !== 1) throw new Error(`expected 1 re-parsed file, got ${r.map.stats.filesParsed}`);
    const later = new Date(Date.now() + 1000 * (i + 1));
    fs.utimesSync(file, later, later);
    t0 = performance.now();
    await analyzeProject({ root, outDir: out, cache });
    touch.push(performance.now() - t0);
  }
  return { change, touch };
}

function freshProcess(root: string, out: string, cache: AnalysisCache): { loadMs: number; totalMs: number } {
  const cacheFile = path.join(os.tmpdir(), `cc-bench-cache-${process.pid}.bin`);
  cache.save(cacheFile);
  fs.appendFileSync(path.join(root, "src/m2/mod2.ts"), "\nexport const benchFresh = 1;\n");
  try {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", path.join(here, "analyze/incrementalChild.ts"), root, out, cacheFile], { cwd: repoRoot, encoding: "utf8" });
    return JSON.parse(stdout) as { loadMs: number; totalMs: number };
  } finally {
    fs.rmSync(cacheFile, { force: true });
  }
}

export default async function bench(args: string[]): Promise<BenchReport> {
  const files = arg(args, "files", 10_000);
  const reps = arg(args, "reps", 2);
  const ctags = findCtags();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-analyze-"));
  const rows: BenchRow[] = [];
  try {
    const gen = path.join(work, "repo");
    const t0 = performance.now();
    const written = generateRepo(gen, files);
    const genMs = performance.now() - t0;
    const out = path.join(work, "artifacts");
    const cold = await coldAnalysis(gen, out, reps);
    rows.push({ name: `cold analysis, generated repo (${written} files)`, value: cold.ms, unit: "ms" });
    if (ctags) {
      const c = Math.min(...Array.from({ length: reps }, () => timeCtags(ctags.bin, gen).ms));
      rows.push({ name: "ctags -R, generated repo", value: c, unit: "ms" });
      rows.push({ name: "ratio analyze / ctags, generated", value: cold.ms / c, unit: "×", goal: "≤ 1.0", pass: cold.ms / c <= 1 });
    }
    const inc = await incremental(gen, out, cold.cache, 7);
    rows.push({ name: "incremental, one file changed (median of 7)", value: median(inc.change), unit: "ms", goal: "≤ 100 ms", pass: median(inc.change) <= 100, note: `min ${Math.min(...inc.change).toFixed(0)}, max ${Math.max(...inc.change).toFixed(0)}` });
    rows.push({ name: "incremental, one file touched (median of 7)", value: median(inc.touch), unit: "ms", note: "mtime changed, same content" });
    const fresh = freshProcess(gen, out, cold.cache);
    rows.push({ name: "incremental in a fresh process (cache from disk)", value: fresh.totalMs, unit: "ms", note: `of which loading the cache ${fresh.loadMs.toFixed(0)} ms; excludes Node/tsx start-up` });
    const self = await coldAnalysis(repoRoot, path.join(work, "self-artifacts"), reps);
    rows.push({ name: `cold analysis, this repository (${self.files} files)`, value: self.ms, unit: "ms" });
    if (ctags) {
      const c = Math.min(...Array.from({ length: reps }, () => timeCtags(ctags.bin, repoRoot, self.paths).ms));
      rows.push({ name: "ctags -L (same files), this repository", value: c, unit: "ms" });
      rows.push({ name: "ratio analyze / ctags, this repository", value: self.ms / c, unit: "×", goal: "≤ 1.0", pass: self.ms / c <= 1 });
    }
    return {
      suite: "analyze",
      startedAt: new Date().toISOString(),
      rows,
      context: { generatedFiles: written, generateMs: Math.round(genMs), cpus: os.availableParallelism(), loadavg: os.loadavg().map((l) => l.toFixed(2)), ctags: ctags?.version ?? "not installed (flock /tmp/apt.lock apt-get install -y universal-ctags)" },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
