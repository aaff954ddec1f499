import type { RepoMap } from "../../../shared/contract/project.js";
import type { FileFacts } from "../extract/FileFacts.js";
import { namingStyle } from "./namingStyle.js";

type Conventions = RepoMap["conventions"];

export interface ConventionFile {
  rel: string;
  language: string;
  parsed: boolean;
  isTest: boolean;
  facts: FileFacts;
}

const TYPE_KINDS = new Set(["class", "interface", "type", "enum", "struct", "trait"]);
const SKIP_FILE_NAMES = new Set(["index", "main", "mod", "lib", "__init__", "__main__", "setup", "conftest", "app"]);

function dominant(counts: Map<string, number>): { style: string; share: number } | null {
  let total = 0;
  let best: [string, number] = ["", 0];
  for (const [k, v] of counts) {
    total += v;
    if (v > best[1]) best = [k, v];
  }
  return total >= 3 ? { style: best[0], share: Math.round((best[1] / total) * 100) / 100 } : null;
}

function testPattern(rel: string): string {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  const m = base.match(/\.(test|spec)(\.[cm]?[jt]sx?)$/);
  if (m) return `*.${m[1]}${m[2]}`;
  if (/^test_.*\.py$/.test(base)) return "test_*.py";
  if (/_test\.(py|go)$/.test(base)) return `*_test.${base.split(".").pop()}`;
  if (/Tests?\.java$/.test(base)) return `*${base.match(/(Tests?)\.java$/)![1]}.java`;
  return `${rel.split("/")[0]}/**`;
}

/** Per-file naming observations, memoized by facts identity (incremental runs skip unchanged files). */
const namingMemo = new WeakMap<FileFacts, { rel: string; pairs: string[] }>();
/** Tally keys per language, made once (not one new string per symbol). */
const namingKeys = new Map<string, { types: string; functions: string; files: string }>();

/** Flat [key, style, key, style, …] pairs: this runs for every symbol of every file on a cold scan. */
function namingOf(f: ConventionFile): string[] {
  const hit = namingMemo.get(f.facts);
  if (hit && hit.rel === f.rel) return hit.pairs;
  let keys = namingKeys.get(f.language);
  if (!keys) namingKeys.set(f.language, (keys = { types: `${f.language}\0types`, functions: `${f.language}\0functions`, files: `${f.language}\0files` }));
  const pairs: string[] = [];
  for (const s of f.facts.symbols) {
    if (s.name === "constructor" || s.name.startsWith("__") || s.kind === "variable" || s.kind === "constant" || s.kind === "module" || s.kind === "impl") continue;
    const style = namingStyle(s.name);
    if (style) pairs.push(TYPE_KINDS.has(s.kind) ? keys.types : keys.functions, style);
  }
  const stem = f.rel.slice(f.rel.lastIndexOf("/") + 1).replace(/(\.(test|spec|d))?\.[^.]+$/, "");
  const fileStyle = !SKIP_FILE_NAMES.has(stem) && !f.isTest ? namingStyle(stem) : null;
  if (fileStyle) pairs.push(keys.files, fileStyle);
  namingMemo.set(f.facts, { rel: f.rel, pairs });
  return pairs;
}

/** Additive counts behind the conventions; files are added and removed as they change. */
export class ConventionTally {
  private readonly seen = new Map<string, ConventionFile>();
  private readonly naming = new Map<string, Map<string, number>>();
  private readonly indent = new Map<string, Map<string, number>>();
  private readonly quotes = new Map<string, { single: number; double: number }>();
  private readonly layout = new Map<string, Map<string, number>>();
  private readonly sourceDirs = new Map<string, Map<string, number>>();
  private readonly tests = new Map<string, Map<string, ConventionFile>>();

  /** Bring the tally to exactly `files`: only new, changed (other facts) and removed files cost work. */
  update(files: readonly ConventionFile[]): this {
    for (const f of files) {
      const prev = this.seen.get(f.rel);
      if (prev === f || (prev?.facts === f.facts && prev.language === f.language)) continue;
      if (prev) this.apply(prev, -1);
      this.apply(f, 1);
    }
    // Every listed file is now tallied, so extra tallied files are exactly the removed ones.
    if (this.seen.size !== files.length) {
      const present = new Set(files.map((f) => f.rel));
      for (const [rel, f] of this.seen) if (!present.has(rel)) this.apply(f, -1);
    }
    return this;
  }

  private apply(f: ConventionFile, sign: 1 | -1): void {
    if (sign > 0) this.seen.set(f.rel, f);
    else this.seen.delete(f.rel);
    const top = f.rel.includes("/") ? f.rel.slice(0, f.rel.indexOf("/")) : ".";
    add(this.layout, "", top, sign);
    if (!f.parsed) return;
    const dir = f.rel.includes("/") ? f.rel.slice(0, f.rel.lastIndexOf("/")) : ".";
    if (f.isTest) {
      const m = this.tests.get(f.language) ?? this.tests.set(f.language, new Map()).get(f.language)!;
      if (sign > 0) m.set(f.rel, f);
      else m.delete(f.rel);
    } else add(this.sourceDirs, f.language, dir, sign);
    const pairs = namingOf(f);
    for (let k = 0; k < pairs.length; k += 2) add(this.naming, pairs[k]!, pairs[k + 1]!, sign);
    if (f.facts.indent) add(this.indent, f.language, f.facts.indent, sign);
    const q = this.quotes.get(f.language) ?? this.quotes.set(f.language, { single: 0, double: 0 }).get(f.language)!;
    q.single += sign * f.facts.quotes.single;
    q.double += sign * f.facts.quotes.double;
  }

  /** The conventions for the files currently tallied. */
  result(): Conventions {
    const dominants = (m: Map<string, Map<string, number>>) => [...m].flatMap(([k, c]) => (dominant(c) ? [[k, dominant(c)!] as const] : []));
    return {
      naming: dominants(this.naming).map(([key, d]) => {
        const [language, subject] = key.split("\0") as [string, "functions" | "types" | "files"];
        return { language, subject, ...d };
      }),
      tests: [...this.tests].filter(([, m]) => m.size).map(([language, m]) => testConvention(language, [...m.values()], new Set(this.sourceDirs.get(language)?.keys()))),
      indentation: dominants(this.indent).map(([language, d]) => ({ language, style: d.style })),
      layout: [...(this.layout.get("") ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15).map(([dir, n]) => ({ dir, files: n })),
      quotes: [...this.quotes].flatMap(([language, q]) => {
        const total = q.single + q.double;
        if (total < 3) return [];
        const style = q.single > q.double ? ("single" as const) : ("double" as const);
        return [{ language, style, share: Math.round((Math.max(q.single, q.double) / total) * 100) / 100 }];
      }),
    };
  }
}

function add(map: Map<string, Map<string, number>>, key: string, value: string, sign: number): void {
  const m = map.get(key) ?? map.set(key, new Map()).get(key)!;
  const n = (m.get(value) ?? 0) + sign;
  if (n > 0) m.set(value, n);
  else m.delete(value);
  if (!m.size) map.delete(key);
}

/** Naming, test placement, indentation, layout and quote conventions actually seen in the code. */
export function detectConventions(files: readonly ConventionFile[], tally = new ConventionTally()): Conventions {
  return tally.update(files).result();
}

function testConvention(language: string, list: ConventionFile[], srcDirs: Set<string>): Conventions["tests"][number] {
  let colocated = 0;
  const dirs = new Map<string, number>();
  const patterns = new Map<string, number>();
  for (const t of list) {
    const dir = t.rel.includes("/") ? t.rel.slice(0, t.rel.lastIndexOf("/")) : ".";
    if (srcDirs.has(dir)) {
      colocated++;
      continue;
    }
    dirs.set(t.rel.split("/")[0]!, (dirs.get(t.rel.split("/")[0]!) ?? 0) + 1);
  }
  for (const t of list) {
    const p = testPattern(t.rel);
    patterns.set(p, (patterns.get(p) ?? 0) + 1);
  }
  // Folder fallbacks ("tests/**") only win when no file-name pattern is used at all.
  const named = [...patterns].filter(([p]) => !p.endsWith("/**"));
  const share = colocated / list.length;
  return {
    language,
    placement: share >= 0.8 ? "colocated" : share <= 0.2 ? "separate" : "mixed",
    pattern: (named.length ? named : [...patterns]).sort((a, b) => b[1] - a[1])[0]![0],
    dirs: [...dirs].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([d]) => d),
    files: list.length,
    colocated,
  };
}
