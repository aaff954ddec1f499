import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RepoMap } from "../../shared/contract/project.js";
import { APP_VERSION } from "../version.js";
import { AnalysisCache } from "./cache/AnalysisCache.js";
import { PathListMemo } from "./cache/PathListMemo.js";
import { assembleRepoMap } from "./build/assembleRepoMap.js";
import { writeRepoMap } from "./build/writeRepoMap.js";
import { EXTRACTOR_VERSION } from "./extract/FileFacts.js";
import { QUERIES } from "./extract/queries.js";
import { inThreadExtractor } from "./scan/inThreadExtractor.js";
import { scanFiles, type Extractor } from "./scan/scanFiles.js";
import { readGitState } from "./state/readGitState.js";
import { readLastTestResult } from "./state/readLastTestResult.js";
import { renderStateMd } from "./state/renderStateMd.js";
import { walkRepo } from "./walk/walkRepo.js";
import { WalkMemo } from "./walk/WalkMemo.js";

export interface AnalyzeOptions {
  /** Folder to analyze. */
  root: string;
  /** Where repo_map.json and state.md go. Defaults to `<root>/artifacts`. */
  outDir?: string;
  /** Map text budget in tokens. Defaults to `2048`. */
  tokenBudget?: number;
  /** Files above this size are listed, not read (bytes). Defaults to `1_000_000`. */
  maxFileBytes?: number;
  followSymlinks?: boolean;
  /** Reuse this cache (kept by the engine between runs); it is updated in place. */
  cache?: AnalysisCache;
  extract?: Extractor;
  signal?: AbortSignal;
  onProgress?: (p: { fraction: number; message?: string }) => void;
}

export interface AnalyzeResult {
  map: RepoMap;
  outDir: string;
  repoMapPath: string;
  statePath: string;
  cache: AnalysisCache;
  /** Wall time per phase (ms). */
  timings: Record<string, number>;
}

/** Files found by a cold walk before parser workers are started early (see `Extractor.prepare`). */
const PREPARE_AT_FILES = 3000;

/** Cache salt: the extractor's queries and the app version, so a changed extractor never serves stale facts. */
export const CACHE_SALT = crypto.createHash("sha1").update(APP_VERSION).update(JSON.stringify(QUERIES)).update(`facts-v${EXTRACTOR_VERSION}`).digest("hex").slice(0, 16);

/**
 * Analyze a repository and write `repo_map.json` + `state.md`. Stat-only walk, then only new or changed
 * files (size/mtime, then content hash) are read and parsed; the rest come from `cache`.
 */
export async function analyzeProject(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const startedAt = performance.now();
  const root = path.resolve(options.root);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new AppError(ErrorCode.NotFound, `Not a folder: ${root}`);
  const outDir = path.resolve(options.outDir ?? path.join(root, "artifacts"));
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number): number => ((timings[name] = Math.round((performance.now() - since) * 10) / 10), performance.now());
  const gitPromise = readGitState(root, options.signal);
  const relOut = path.relative(root, outDir);
  const exclude = relOut && !relOut.startsWith("..") && !path.isAbsolute(relOut) ? [`/${relOut.split(path.sep).join("/")}/`] : [];
  let t = performance.now();
  const cache = options.cache?.root === root && options.cache.salt === CACHE_SALT ? options.cache : new AnalysisCache(root, CACHE_SALT);
  const extract = options.extract ?? inThreadExtractor;
  // A cold scan of a big tree: let parser workers start while the walk goes on.
  const bigCold = (n: number): boolean => n >= PREPARE_AT_FILES && cache.entries.size === 0;
  const walked = await walkRepo(root, {
    exclude, followSymlinks: options.followSymlinks, memo: (cache.memo.walk ??= new WalkMemo()), signal: options.signal,
    onProgress: (n) => {
      if (bigCold(n)) extract.prepare?.();
      progress({ fraction: 0.02, message: `Listing files… ${n}` });
    },
  });
  t = lap("walk", t);
  const paths = (cache.memo.paths ??= new PathListMemo()).update(walked.files);
  const scan = await scanFiles(walked.files, {
    root, cache, paths, extract, maxFileBytes: options.maxFileBytes ?? 1_000_000, signal: options.signal,
    onProgress: (done, total) => progress({ fraction: 0.05 + 0.85 * (done / Math.max(1, total)), message: `Scanned ${done} / ${total} files` }),
  });
  t = lap("scan", t);
  progress({ fraction: 0.9, message: "Ranking files" });
  const { map, fileLines, graphLines, rankingJson } = assembleRepoMap({
    root, name: projectName(root), generator: `codeconductor ${APP_VERSION}`, walkedPaths: paths.list, walkedSet: paths.set, scanned: scan.files, walkStats: walked.stats,
    counts: scan.counts, tokenBudget: options.tokenBudget ?? 2048, startedAt, now: new Date(), cache,
  });
  t = lap("assemble", t);
  options.signal?.throwIfAborted();
  const git = await gitPromise;
  t = lap("git", t);
  fs.mkdirSync(outDir, { recursive: true });
  const repoMapPath = path.join(outDir, "repo_map.json");
  const statePath = path.join(outDir, "state.md");
  writeRepoMap(repoMapPath, map, fileLines, graphLines, rankingJson);
  writeAtomic(statePath, renderStateMd(map, git, readLastTestResult(root, outDir)));
  lap("write", t);
  timings.total = Math.round(performance.now() - startedAt);
  progress({ fraction: 1, message: `Analyzed ${map.stats.filesListed} files` });
  return { map, outDir, repoMapPath, statePath, cache, timings };
}

/** The project's own name (package.json, pyproject, Cargo.toml, go.mod), else the folder name. */
function projectName(root: string): string {
  const read = (f: string): string => {
    try {
      return fs.readFileSync(path.join(root, f), "utf8");
    } catch {
      return "";
    }
  };
  try {
    const name = (JSON.parse(read("package.json") || "{}") as { name?: unknown }).name;
    if (typeof name === "string" && name) return name;
  } catch {
    // not JSON: fall through
  }
  const toml = (read("pyproject.toml") + read("Cargo.toml")).match(/^name\s*=\s*"([^"]+)"/m)?.[1];
  const goMod = read("go.mod").match(/^module\s+(\S+)/m)?.[1];
  return toml ?? goMod ?? path.basename(root);
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
