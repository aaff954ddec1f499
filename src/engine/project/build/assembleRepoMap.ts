import path from "node:path";
import { REPO_MAP_VERSION, type RepoFile, type RepoMap } from "../../../shared/contract/project.js";
import type { LanguageId } from "../../parsing/index.js";
import type { AnalysisCache, CacheEntry } from "../cache/AnalysisCache.js";
import { buildGraph, type GraphFile } from "../graph/buildGraph.js";
import { ImportResolver } from "../graph/ImportResolver.js";
import { pageRank } from "../graph/pageRank.js";
import { ConventionTally, detectConventions } from "../detect/detectConventions.js";
import { goModules } from "../detect/detectGoRust.js";
import { detectStack } from "../detect/detectStack.js";
import type { DetectInput } from "../detect/StackInfo.js";
import { renderMapText } from "../renderMapText.js";
import { isTestPath } from "../scan/classifyPath.js";
import type { ScanCounts, ScannedFile } from "../scan/scanFiles.js";
import type { WalkStats } from "../walk/walkRepo.js";

export interface AssembleInput {
  root: string;
  name: string;
  generator: string;
  walkedPaths: readonly string[];
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
}

/** Test files get a quarter of the teleport weight so that implementation hubs outrank them. */
const TEST_TELEPORT = 0.25;

function repoFile(s: ScannedFile): RepoFile {
  const e: CacheEntry = s.entry;
  if (!e.repoFile || e.repoFile.path !== s.rel) {
    const f = e.facts!;
    e.repoFile = { path: s.rel, language: f.language, bytes: s.size, lines: f.lines, symbols: f.symbols, imports: f.imports, isTest: isTestPath(s.rel), ...(f.note ? { note: f.note } : {}) };
    e.line = Buffer.from(JSON.stringify(e.repoFile));
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
  const facts = new Map(scanned.map((s) => [s.rel, s.entry.facts!] as const));
  const detectInput: DetectInput = { root: input.root, paths: input.walkedPaths, pathSet: new Set(input.walkedPaths), facts };
  const stack = detectStack(detectInput);
  const { graph, ranking, graphLines } = rankFiles(input, scanned, files, detectInput);
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
      scanned.map((s, i) => ({ rel: s.rel, language: files[i]!.language, parsed: !!s.cls.parse, isTest: files[i]!.isTest, facts: s.entry.facts! })),
      (input.cache.memo.conventions ??= new ConventionTally()),
    ),
    files,
    graph,
    ranking,
    todos: todoSummary(scanned),
    map: { tokenBudget: input.tokenBudget, tokens: 0, files: 0 },
    mapText: "",
  };
  const rendered = renderMapText(map, input.tokenBudget);
  map.mapText = rendered.text;
  map.map = { tokenBudget: input.tokenBudget, tokens: rendered.tokens, files: rendered.files };
  map.stats.durationMs = Math.round(performance.now() - input.startedAt);
  return { map, fileLines: scanned.map((s) => s.entry.line!), graphLines };
}

function rankFiles(input: AssembleInput, scanned: readonly ScannedFile[], files: readonly RepoFile[], detectInput: DetectInput) {
  const code: GraphFile[] = [];
  scanned.forEach((s, i) => {
    const f = s.entry.facts!;
    if (s.cls.parse) code.push({ rel: s.rel, lang: s.cls.parse as LanguageId, imports: f.imports, pkg: f.pkg, symbols: f.symbols, refs: f.refs, isTest: files[i]!.isTest, token: f });
  });
  const cargoRoots = input.walkedPaths.filter((p) => p === "Cargo.toml" || p.endsWith("/Cargo.toml")).map((p) => path.posix.dirname(p).replace(/^\.$/, ""));
  const mods = goModules(detectInput);
  const key = `${JSON.stringify([...mods])}\0${cargoRoots.join(",")}`;
  const memo = (input.cache.memo.graph = buildGraph(code, key, () => new ImportResolver(code, mods, cargoRoots), input.cache.memo.graph));
  const edges = flatten(memo.out);
  const prev = input.cache.memo.rank;
  const ranks = pageRank(code.length, edges, {
    personalization: Float64Array.from(code, (c) => (c.isTest ? TEST_TELEPORT : 1)),
    // Warm start only on the same nodes (the graph memo was reused or rebuilt over the same files).
    initial: prev?.memo && prev.memo.rels === memo.rels ? prev.ranks : undefined,
  });
  input.cache.memo.rank = { memo, ranks };
  // Sort indices on the raw ranks (numeric compares), round only for output.
  const order = Array.from(code.keys()).sort((a, b) => ranks[b]! - ranks[a]! || (code[a]!.rel < code[b]!.rel ? -1 : 1));
  // 1e-9 resolution keeps ≥ 4 significant digits (the smallest rank is ≥ 0.15 / files) and is cheap.
  const ranking = order.map((k) => ({ path: code[k]!.rel, rank: Math.round(ranks[k]! * 1e9) / 1e9 }));
  return { graph: flatten(memo.wire), ranking, graphLines: memo.lines };
}

/** `lists.flat()`, several times faster for many small arrays. */
function flatten<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (const l of lists) for (const x of l) out.push(x);
  return out;
}

function languageStats(files: readonly RepoFile[]): RepoMap["languages"] {
  const by = new Map<string, { files: number; lines: number; bytes: number }>();
  for (const f of files) {
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
  for (const s of scanned) {
    for (const t of s.entry.facts!.todos) {
      total++;
      byTag[t.tag] = (byTag[t.tag] ?? 0) + 1;
      if (items.length < 200) items.push({ path: s.rel, line: t.line, tag: t.tag, text: t.text });
    }
  }
  return { total, byTag, items };
}
