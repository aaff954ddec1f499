// Child process for the bench: a fresh process, like a second `codeconductor analyze`. With a cache file it
// loads the analysis cache from disk and re-analyzes; with "-" it runs a cold analysis (parser threads as
// configured by default), paying the process's JIT, WASM and worker warm-up. Prints timings as JSON.
import { analyzeProject, CACHE_SALT } from "../../src/engine/project/analyzeProject.js";
import { AnalysisCache } from "../../src/engine/project/cache/AnalysisCache.js";
import { createExtractor } from "../../src/engine/project/scan/createExtractor.js";

const [root, out, cacheFile] = process.argv.slice(2) as [string, string, string];
const ex = createExtractor(0);
const t0 = performance.now();
const cache = cacheFile === "-" ? undefined : AnalysisCache.load(cacheFile, root, CACHE_SALT);
const loadMs = performance.now() - t0;
const r = await analyzeProject({ root, outDir: out, cache, extract: ex.extract });
const totalMs = performance.now() - t0;
await ex.dispose();
process.stdout.write(JSON.stringify({ loadMs, totalMs, analyzeMs: r.timings.total, parsed: r.map.stats.filesParsed, how: ex.lastRun }));
