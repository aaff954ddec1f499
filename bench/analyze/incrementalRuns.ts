import fs from "node:fs";
import path from "node:path";
import { analyzeProject } from "../../src/engine/project/analyzeProject.js";
import type { AnalysisCache } from "../../src/engine/project/cache/AnalysisCache.js";
import type { ExtractorHandle } from "../../src/engine/project/scan/createExtractor.js";
import { fullGc } from "./fullGc.js";

/**
 * Incremental runs in a long-lived engine (its memory cache and extractor): each step appends a function
 * to one file and re-analyzes (exactly one file must be re-parsed), then only touches it (new mtime, same
 * content). Returns the wall times and the phase timings of the change runs.
 */
export async function incrementalRuns(root: string, out: string, cache: AnalysisCache, ex: ExtractorHandle, steps: number) {
  const file = path.join(root, "src/m1/mod1.ts");
  const change: number[] = [];
  const touch: number[] = [];
  const phases: Array<Record<string, number>> = [];
  fullGc();
  for (let i = 0; i < steps; i++) {
    fs.appendFileSync(file, `\nexport function benchExtra${i}(n: number): number {\n  return n + ${i};\n}\n`);
    let t0 = performance.now();
    const r = await analyzeProject({ root, outDir: out, cache, extract: ex.extract });
    change.push(performance.now() - t0);
    phases.push(r.timings);
    if (r.map.stats.filesParsed !== 1) throw new Error(`expected 1 re-parsed file, got ${r.map.stats.filesParsed}`);
    const later = new Date(Date.now() + 1000 * (i + 1));
    fs.utimesSync(file, later, later);
    t0 = performance.now();
    await analyzeProject({ root, outDir: out, cache, extract: ex.extract });
    touch.push(performance.now() - t0);
  }
  return { change, touch, phases };
}
