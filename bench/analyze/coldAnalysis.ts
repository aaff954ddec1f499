import { analyzeProject, type AnalyzeResult } from "../../src/engine/project/analyzeProject.js";
import { createExtractor, type ExtractorHandle } from "../../src/engine/project/scan/createExtractor.js";
import { fullGc } from "./fullGc.js";

/**
 * One cold analysis as a fresh engine would run it: new cache, new extractor (`workers` as in config;
 * parser workers start inside the timed run). Returns the wall time and how the parsing was shared.
 */
export async function coldAnalysis(root: string, out: string, workers: number): Promise<{ ms: number; result: AnalyzeResult; how: ExtractorHandle["lastRun"] }> {
  const ex = createExtractor(workers);
  fullGc();
  try {
    const t0 = performance.now();
    const result = await analyzeProject({ root, outDir: out, extract: ex.extract });
    return { ms: performance.now() - t0, result, how: ex.lastRun };
  } finally {
    await ex.dispose();
  }
}
