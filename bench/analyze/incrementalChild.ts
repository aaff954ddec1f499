// Child process for the bench: a fresh process that loads the analysis cache from disk (like a second
// `codeconductor analyze`) and re-analyzes; prints its timings as JSON on stdout.
import { analyzeProject, CACHE_SALT } from "../../src/engine/project/analyzeProject.js";
import { AnalysisCache } from "../../src/engine/project/cache/AnalysisCache.js";

const [root, out, cacheFile] = process.argv.slice(2) as [string, string, string];
const t0 = performance.now();
const cache = AnalysisCache.load(cacheFile, root, CACHE_SALT);
const loadMs = performance.now() - t0;
const r = await analyzeProject({ root, outDir: out, cache });
process.stdout.write(JSON.stringify({ loadMs, totalMs: performance.now() - t0, analyzeMs: r.timings.total, parsed: r.map.stats.filesParsed }));
