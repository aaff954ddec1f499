import { REPO_MAP_VERSION, type RepoFile, type RepoMap } from "../../../shared/contract/project.js";
import type { AnalysisCache, CacheEntry } from "../cache/AnalysisCache.js";
import { ConventionTally, detectConventions } from "../detect/detectConventions.js";
import { detectStack } from "../detect/detectStack.js";
import type { DetectInput } from "../detect/StackInfo.js";
import { renderMapText } from "../renderMapText.js";
import type { ScanCounts, ScannedFile } from "../scan/scanFiles.js";
import type { WalkStats } from "../walk/walkRepo.js";
import { rankFiles } from "./rankFiles.js";
import { toRepoFile } from "./toRepoFile.js";

export interface AssembleInput {
  root: string;
  name: string;
  generator: string;
  walkedPaths: readonly string[];
  walkedSet: ReadonlySet<string>;
  scanned: readonly ScannedFile[];
  walkStats: WalkStats;
  counts: ScanCounts;
  tokenBudget: number;
  startedAt: number;
  now: Date;
  cache: AnalysisCache;
}

/** The map plus pre-serialized pieces for the writer. */
export interface Assembled {
  map: RepoMap;
  /** `files[i]` as JSON bytes (cached per file). */
  fileLines: Buffer[];
  /** The `graph` array's lines, per source file (empty buffers for files without edges). */
  graphLines: Buffer[];
  /** The `ranking` array as JSON text. */
  rankingJson: Buffer;
}

function repoFile(s: ScannedFile): RepoFile {
  const e: CacheEntry = s.entry;
  if (!e.repoFile || e.repoFile.path !== s.rel) {
    const reused = !!e.repoFile;
    e.repoFile = toRepoFile(s.rel, s.size, e.facts!);
    // A parser worker may have serialized it already (same function, so the same bytes).
    if (!e.line || reused) e.line = Buffer.from(JSON.stringify(e.repoFile));
  }
  return e.repoFile;
}

/**
 * Build the repo map from scanned files: stack detection, graph + PageRank, conventions, TODOs, map text.
 * Per-file entries, graph edges and ranks are reused from the cache's memo where inputs did not change.
 */
export function assembleRepoMap(input: AssembleInput): Assembled {
  // The walker's tree order is already stable: no sort needed.
  const scanned = input.scanned;
  const files = scanned.map(repoFile);
  const facts = (input.cache.memo.facts = syncByPath(input.cache.memo.facts, scanned, (s) => s.entry.facts!));
  const detectInput: DetectInput = { root: input.root, paths: input.walkedPaths, pathSet: input.walkedSet, facts };
  const stack = detectStack(detectInput);
  const ranked = rankFiles(input.cache, input.walkedPaths, scanned, files, detectInput);
  const map: RepoMap = {
    version: REPO_MAP_VERSION, generator: input.generator, generatedAt: input.now.toISOString(), root: input.root, name: input.name,
    stats: {
      filesSeen: input.walkStats.seen, filesListed: files.length, filesParsed: input.counts.parsed, cacheHits: input.counts.cacheHits,
      skipped: { ignored: input.walkStats.ignored, binary: input.counts.binary, tooLarge: input.counts.tooLarge, vendored: input.walkStats.vendored, symlinks: input.walkStats.symlinks, unreadable: input.walkStats.unreadable + input.counts.unreadable },
      durationMs: 0,
    },
    languages: languageStats(files),
    ...stack,
    conventions: detectConventions(
      scanned.map((s, i) => (s.entry.conv ??= { rel: s.rel, language: files[i]!.language, parsed: !!s.cls.parse, isTest: files[i]!.isTest, facts: s.entry.facts! })),
      (input.cache.memo.conventions ??= new ConventionTally()),
    ),
    files,
    graph: ranked.graph,
    ranking: ranked.ranking,
    todos: todoSummary(scanned),
    map: { tokenBudget: input.tokenBudget, tokens: 0, files: 0 },
    mapText: "",
  };
  const rendered = renderMapText(map, input.tokenBudget, (input.cache.memo.byPath = syncByPath(input.cache.memo.byPath, scanned, (s) => s.entry.repoFile!)));
  map.mapText = rendered.text;
  map.map = { tokenBudget: input.tokenBudget, tokens: rendered.tokens, files: rendered.files };
  map.stats.durationMs = Math.round(performance.now() - input.startedAt);
  return { map, fileLines: scanned.map((s) => s.entry.line!), graphLines: ranked.memo.lines, rankingJson: ranked.rankingJson };
}

/**
 * A path → value map of the listed files: last run's map updated in place when the same files are listed
 * (no 10k-entry map to build and collect per incremental run), else a new one.
 */
function syncByPath<T>(map: Map<string, T> | undefined, scanned: readonly ScannedFile[], value: (s: ScannedFile) => T): Map<string, T> {
  let same = !!map && map.size === scanned.length;
  for (let i = 0; same && i < scanned.length; i++) {
    const s = scanned[i]!;
    const had = map!.get(s.rel);
    if (had === undefined) same = false;
    else if (had !== value(s)) map!.set(s.rel, value(s));
  }
  return same ? map! : new Map(scanned.map((s) => [s.rel, value(s)] as const));
}

// Indexed loops below: these run once per analysis, mostly unoptimized, where for…of allocates per step.

function languageStats(files: readonly RepoFile[]): RepoMap["languages"] {
  const by = new Map<string, { files: number; lines: number; bytes: number }>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if (f.language === "other") continue;
    const s = by.get(f.language) ?? { files: 0, lines: 0, bytes: 0 };
    s.files++;
    s.lines += f.lines;
    s.bytes += f.bytes;
    by.set(f.language, s);
  }
  return [...by].map(([language, s]) => ({ language, ...s })).sort((a, b) => b.lines - a.lines || b.files - a.files);
}

function todoSummary(scanned: readonly ScannedFile[]): RepoMap["todos"] {
  const byTag: Record<string, number> = {};
  const items: RepoMap["todos"]["items"] = [];
  let total = 0;
  for (let i = 0; i < scanned.length; i++) {
    const s = scanned[i]!;
    const todos = s.entry.facts!.todos;
    for (let k = 0; k < todos.length; k++) {
      const t = todos[k]!;
      total++;
      byTag[t.tag] = (byTag[t.tag] ?? 0) + 1;
      if (items.length < 200) items.push({ path: s.rel, line: t.line, tag: t.tag, text: t.text });
    }
  }
  return { total, byTag, items };
}
