import fs from "node:fs";
import path from "node:path";
import type { AnalyzeSummary, RepoMap } from "../../shared/contract/project.js";
import { headOf } from "./rules/planRules.js";

/** Best-ranked files listed in a summary. */
const TOP_FILES = 15;

function preview(file: string): { path: string; head: string } | null {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const buf = Buffer.alloc(4096);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return { path: file, head: headOf(buf.subarray(0, n).toString("utf8"), 20) };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** The wire-sized summary of an analysis: what the UI and `--json` show (the full map stays on disk). */
export function summarizeAnalysis(map: RepoMap, outDir: string): AnalyzeSummary {
  const repoMapPath = path.join(outDir, "repo_map.json");
  const statePath = path.join(outDir, "state.md");
  const symbols = new Map(map.files.map((f) => [f.path, f.symbols.length]));
  return {
    root: map.root, outDir, repoMapPath, statePath, stats: map.stats, languages: map.languages, frameworks: map.frameworks,
    packageManagers: map.packageManagers, testCommands: map.testCommands, entryPoints: map.entryPoints,
    topFiles: map.ranking.slice(0, TOP_FILES).map((r) => ({ path: r.path, rank: r.rank, symbols: symbols.get(r.path) ?? 0 })),
    previews: [preview(repoMapPath), preview(statePath)].filter((p): p is { path: string; head: string } => !!p),
  };
}
