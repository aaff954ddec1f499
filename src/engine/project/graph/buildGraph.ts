import type { RepoMap, RepoSymbol } from "../../../shared/contract/project.js";
import type { ImportResolver, ResolvableFile } from "./ImportResolver.js";

export interface GraphFile extends ResolvableFile {
  symbols: readonly RepoSymbol[];
  refs: readonly string[];
  isTest: boolean;
  /** Identity of the facts this entry came from: unchanged identity means unchanged file. */
  token: object;
}

export interface GraphEdge {
  from: number;
  to: number;
  weight: number;
  kind: "import" | "reference";
}

type WireEdge = RepoMap["graph"][number];

/** What a previous build leaves behind so the next one only redoes changed files. Memory only. */
export interface GraphMemo {
  /** Resolution inputs besides the files: go.mod modules, Cargo roots. */
  key: string;
  rels: string[];
  /** Path → index in `rels`. */
  index: Map<string, number>;
  pkgs: Array<string | undefined>;
  tokens: object[];
  /** Each file's refs as of this build (to update `users`). */
  refs: Array<readonly string[]>;
  names: string[];
  definers: Map<string, number[]>;
  resolver: ImportResolver;
  out: GraphEdge[][];
  wire: WireEdge[][];
  /** Per file: its edges as repo_map.json lines, UTF-8 (empty when none). */
  lines: Buffer[];
  /** Name → files whose refs use it; built on the first incremental build that needs it. */
  users?: Map<string, number[]>;
  /** Whether this build changed any edge (false: ranks computed on the previous graph still hold). */
  changed: boolean;
}

/** A name defined in more files than this is too ambiguous to link (think `get`, `run`, `index`). */
const MAX_DEFINERS = 5;
const DEFINING_KINDS = new Set<RepoSymbol["kind"]>(["function", "class", "interface", "type", "enum", "struct", "trait", "constant", "module", "method"]);

/** Distinctive names (long, or camel/snake-cased) say more about a dependency than short generic ones. */
function nameWeight(name: string): number {
  if (name.startsWith("_")) return 0.1;
  return name.length >= 8 || /[a-z][A-Z]|_[a-z]/.test(name) ? 1 : 0.5;
}

const defines = (s: RepoSymbol): boolean => DEFINING_KINDS.has(s.kind) || s.exported;

/** The names a file defines (for reference edges), "\0"-joined. */
function definedNames(f: GraphFile): string {
  let out = "";
  for (const s of f.symbols) if (defines(s)) out += out ? `\0${s.name}` : s.name;
  return out;
}

function outEdges(i: number, f: GraphFile, memo: Pick<GraphMemo, "resolver" | "definers">, index: Map<string, number>): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const d of memo.resolver.resolve(f)) {
    const j = index.get(d);
    if (j !== undefined) edges.push({ from: i, to: j, weight: 1, kind: "import" });
  }
  const refWeight = new Map<number, number>();
  for (const name of f.refs) {
    const defs = memo.definers.get(name);
    if (!defs || defs.length > MAX_DEFINERS) continue;
    const w = nameWeight(name) / defs.length;
    for (const j of defs) if (j !== i) refWeight.set(j, (refWeight.get(j) ?? 0) + w);
  }
  for (const [j, w] of refWeight) edges.push({ from: i, to: j, weight: Math.round(Math.sqrt(w) * 1000) / 1000, kind: "reference" });
  return edges;
}

/**
 * The import/reference graph, Aider-style: an import edge per resolved import (weight 1), plus reference
 * edges from a file that uses a name to the files that define it (names defined in more than 5 files are
 * ignored), weighted by √(Σ name weight / number of definers). With `memo` from the previous build and the
 * same files (paths and Go/Java packages) and `key` (go.mod modules, Cargo roots), only changed files and
 * the files that reference a name whose definers changed are redone.
 */
export function buildGraph(files: readonly GraphFile[], key: string, makeResolver: () => ImportResolver, memo?: GraphMemo): GraphMemo {
  if (!memo || !sameFiles(memo, files, key)) return fullBuild(files, key, makeResolver(), new Map(files.map((f, i) => [f.rel, i])));
  const index = memo.index;
  const next: GraphMemo = { ...memo, tokens: files.map((f) => f.token), refs: files.map((f) => f.refs), names: [...memo.names], out: [...memo.out], wire: [...memo.wire], lines: [...memo.lines], changed: false };
  const redo = new Set<number>();
  const touchedNames = new Set<string>();
  const refsChanged: number[] = [];
  files.forEach((f, i) => {
    if (f.token === memo.tokens[i]) return;
    redo.add(i);
    refsChanged.push(i);
    const before = new Set(memo.names[i] ? memo.names[i]!.split("\0") : []);
    const after = definedNames(f);
    next.names[i] = after;
    const now = new Set(after ? after.split("\0") : []);
    for (const n of before) {
      if (now.has(n)) continue;
      touchedNames.add(n);
      removeDefiner(next.definers, n, i);
    }
    for (const n of now) {
      if (before.has(n)) continue;
      touchedNames.add(n);
      addDefiner(next.definers, n, i);
    }
  });
  if (memo.users) updateUsers(memo.users, files, memo, refsChanged);
  if (touchedNames.size) {
    const users = (next.users ??= usersOf(files));
    for (const n of touchedNames) for (const i of users.get(n) ?? []) redo.add(i);
  }
  for (const i of redo) {
    const edges = outEdges(i, files[i]!, next, index);
    if (sameEdges(edges, memo.out[i])) continue;
    setFile(next, i, edges, files);
    next.changed = true;
  }
  return next;
}

/**
 * Which files use each name. Built on the first incremental build that has a definer change to spread
 * (scanning every file's refs each time is what it replaces), then kept up to date on every build.
 */
function usersOf(files: readonly GraphFile[]): Map<string, number[]> {
  const users = new Map<string, number[]>();
  files.forEach((f, i) => {
    for (const r of f.refs) addUser(users, r, i);
  });
  return users;
}

/** A file's refs are distinct, so a plain push never duplicates (no `includes` scan over popular names). */
function addUser(users: Map<string, number[]>, name: string, i: number): void {
  const list = users.get(name);
  if (list) list.push(i);
  else users.set(name, [i]);
}

function updateUsers(users: Map<string, number[]>, files: readonly GraphFile[], memo: GraphMemo, changed: readonly number[]): void {
  for (const i of changed) {
    if (memo.refs[i] === files[i]!.refs) continue;
    for (const r of memo.refs[i]!) removeDefiner(users, r, i);
    for (const r of files[i]!.refs) addUser(users, r, i);
  }
}

function sameEdges(a: readonly GraphEdge[], b: readonly GraphEdge[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.to !== b[k]!.to || a[k]!.weight !== b[k]!.weight || a[k]!.kind !== b[k]!.kind) return false;
  return true;
}

function sameFiles(memo: GraphMemo, files: readonly GraphFile[], key: string): boolean {
  if (memo.key !== key || memo.rels.length !== files.length) return false;
  for (let i = 0; i < files.length; i++) if (memo.rels[i] !== files[i]!.rel || memo.pkgs[i] !== files[i]!.pkg) return false;
  return true;
}

function addDefiner(definers: Map<string, number[]>, name: string, i: number): void {
  const list = definers.get(name);
  if (!list) definers.set(name, [i]);
  else if (!list.includes(i)) list.push(i);
}

function removeDefiner(definers: Map<string, number[]>, name: string, i: number): void {
  const list = definers.get(name);
  const k = list?.indexOf(i) ?? -1;
  if (k >= 0) list!.splice(k, 1);
  if (list && !list.length) definers.delete(name);
}

function fullBuild(files: readonly GraphFile[], key: string, resolver: ImportResolver, index: Map<string, number>): GraphMemo {
  // Definers are kept complete (not capped) so that incremental updates stay exact.
  const definers = new Map<string, number[]>();
  const names = files.map(definedNames);
  // Files go in index order, so a file's repeated name can only be the list's last entry: checking that
  // keeps lists duplicate-free without an `includes` scan (quadratic for names defined in thousands of
  // files, like `run`) or a set per file.
  files.forEach((f, i) => {
    for (const s of f.symbols) {
      if (!defines(s)) continue;
      const list = definers.get(s.name);
      if (!list) definers.set(s.name, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  const built: GraphMemo = { key, rels: files.map((f) => f.rel), index, pkgs: files.map((f) => f.pkg), tokens: files.map((f) => f.token), refs: files.map((f) => f.refs), names, definers, resolver, out: [], wire: [], lines: [], changed: true };
  files.forEach((f, i) => setFile(built, i, outEdges(i, f, built, index), files));
  return built;
}

/** JSON string literals of the paths, made once: every path appears in many edges. */
const quotedPaths = new WeakMap<readonly string[], string[]>();

function setFile(memo: GraphMemo, i: number, edges: GraphEdge[], files: readonly GraphFile[]): void {
  let q = quotedPaths.get(memo.rels);
  if (!q) quotedPaths.set(memo.rels, (q = memo.rels.map((r) => JSON.stringify(r))));
  memo.out[i] = edges;
  memo.wire[i] = edges.map((e) => ({ from: files[e.from]!.rel, to: files[e.to]!.rel, weight: e.weight, kind: e.kind }));
  // Same text as JSON.stringify of each wire edge (same keys in the same order), without re-quoting paths.
  memo.lines[i] = Buffer.from(edges.map((e) => `{"from":${q[e.from]},"to":${q[e.to]},"weight":${e.weight},"kind":"${e.kind}"}`).join(",\n    "));
}
