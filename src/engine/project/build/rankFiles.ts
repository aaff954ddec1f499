import path from "node:path";
import type { RepoFile, RepoMap } from "../../../shared/contract/project.js";
import type { LanguageId } from "../../parsing/index.js";
import type { AnalysisCache } from "../cache/AnalysisCache.js";
import { goModules } from "../detect/detectGoRust.js";
import type { DetectInput } from "../detect/StackInfo.js";
import { buildGraph, type GraphFile, type GraphMemo } from "../graph/buildGraph.js";
import { ImportResolver } from "../graph/ImportResolver.js";
import { pageRank } from "../graph/pageRank.js";
import type { ScannedFile } from "../scan/scanFiles.js";

/** The previous run's ranking, reused as is when the graph did not change (memory only). */
export interface RankMemo {
  memo: GraphMemo;
  ranks: Float64Array;
  /** Code-file indices, best first. */
  order: number[];
  ranking: RepoMap["ranking"];
  /** `ranking` as the repo_map.json array text, UTF-8. */
  rankingJson: Buffer;
  graph: RepoMap["graph"];
}

/** Test files get a quarter of the teleport weight so that implementation hubs outrank them. */
const TEST_TELEPORT = 0.25;

/**
 * Import/reference graph and PageRank over the code files. Incremental: the graph memo redoes only
 * changed files; when no edge changed, the previous ranks, order and serialized ranking stand; otherwise
 * PageRank warm-starts from the previous ranks and the order is re-sorted from the previous one (nearly
 * sorted input, which the engine's merge sort takes in about linear time).
 */
export function rankFiles(cache: AnalysisCache, walkedPaths: readonly string[], scanned: readonly ScannedFile[], files: readonly RepoFile[], detectInput: DetectInput): RankMemo {
  const code: GraphFile[] = [];
  scanned.forEach((s, i) => {
    const f = s.entry.facts!;
    if (s.cls.parse) code.push((s.entry.graphFile ??= { rel: s.rel, lang: s.cls.parse as LanguageId, imports: f.imports, pkg: f.pkg, symbols: f.symbols, refs: f.refs, isTest: files[i]!.isTest, token: f }));
  });
  const cargoRoots = walkedPaths.filter((p) => p === "Cargo.toml" || p.endsWith("/Cargo.toml")).map((p) => path.posix.dirname(p).replace(/^\.$/, ""));
  const mods = goModules(detectInput);
  const key = `${JSON.stringify([...mods])}\0${cargoRoots.join(",")}`;
  const memo = (cache.memo.graph = buildGraph(code, key, () => new ImportResolver(code, mods, cargoRoots), cache.memo.graph));
  const prev = cache.memo.rank;
  // Same nodes: the graph memo was updated in place of the previous one (its path list is shared).
  const sameNodes = prev?.memo.rels === memo.rels;
  if (sameNodes && !memo.changed) return (cache.memo.rank = { ...prev!, memo });
  const ranks = pageRank(code.length, flatten(memo.out), {
    personalization: Float64Array.from(code, (c) => (c.isTest ? TEST_TELEPORT : 1)),
    initial: sameNodes ? prev!.ranks : undefined,
  });
  // Sort indices on the raw ranks (numeric compares), round only for output.
  const order = (sameNodes ? [...prev!.order] : Array.from(code.keys())).sort((a, b) => ranks[b]! - ranks[a]! || (code[a]!.rel < code[b]!.rel ? -1 : 1));
  // 1e-9 resolution keeps ≥ 4 significant digits (the smallest rank is ≥ 0.15 / files) and is cheap.
  const ranking = order.map((k) => ({ path: code[k]!.rel, rank: Math.round(ranks[k]! * 1e9) / 1e9 }));
  const lines = ranking.map((r) => `{"path":${JSON.stringify(r.path)},"rank":${r.rank}}`);
  const rankingJson = Buffer.from(lines.length ? `[\n    ${lines.join(",\n    ")}\n  ]` : "[]");
  return (cache.memo.rank = { memo, ranks, order, ranking, rankingJson, graph: flatten(memo.wire) });
}

/** `lists.flat()`, several times faster for many small arrays. */
function flatten<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (const l of lists) for (const x of l) out.push(x);
  return out;
}
