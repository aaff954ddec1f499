import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import type { RepoFile } from "../../../shared/contract/project.js";
import type { FileFacts } from "../extract/FileFacts.js";
import type { PathClass } from "../scan/classifyPath.js";
import type { ScannedFile } from "../scan/scanFiles.js";
import type { GraphFile, GraphMemo } from "../graph/buildGraph.js";
import type { RankMemo } from "../build/rankFiles.js";
import type { ConventionFile, ConventionTally } from "../detect/detectConventions.js";
import type { WalkMemo } from "../walk/WalkMemo.js";
import type { PathListMemo } from "./PathListMemo.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  /** When the content was read; an mtime this close to it may hide a later same-tick write ("racy" entry). */
  readAt: number;
  /** null for binary files. */
  facts: FileFacts | null;
  /** Name-based classification (memory only). */
  cls?: PathClass;
  /** The repo-map entry and its JSON bytes, rebuilt when facts change (memory only). */
  repoFile?: RepoFile;
  line?: Buffer;
  /** This file as the convention tally and the graph see it (memory only; a changed file gets a new entry). */
  conv?: ConventionFile;
  graphFile?: GraphFile;
  /** The file as the last scan listed it (memory only). */
  listed?: ScannedFile;
}

/** mtime granularity we guard against (coarse kernel clocks tick every few ms). */
const RACY_MS = 50;

/**
 * Per-file analysis results keyed by path, validated by size + mtime, then by content hash. Kept in memory
 * by the engine between runs and persisted with v8 serialization (several times faster than JSON here).
 * `salt` invalidates everything when the extractor changes (its queries' hash, the app version).
 */
export class AnalysisCache {
  readonly entries: Map<string, CacheEntry>;
  /** Derived results of the previous run (memory only): folder listings, graph edges, ranks, conventions. */
  memo: {
    walk?: WalkMemo;
    paths?: PathListMemo;
    facts?: Map<string, FileFacts>;
    byPath?: Map<string, RepoFile>;
    graph?: GraphMemo;
    rank?: RankMemo;
    conventions?: ConventionTally;
  } = {};

  constructor(
    readonly root: string,
    readonly salt: string,
    entries?: Map<string, CacheEntry>,
  ) {
    this.entries = entries ?? new Map();
  }

  /** Cache file for a root inside `dir`. */
  static fileFor(dir: string, root: string): string {
    return path.join(dir, `${crypto.createHash("sha1").update(root).digest("hex").slice(0, 16)}.bin`);
  }

  /** Load from disk; a missing, corrupt or stale (other salt) file gives an empty cache. */
  static load(file: string, root: string, salt: string): AnalysisCache {
    try {
      const data = v8.deserialize(fs.readFileSync(file)) as { root: string; salt: string; entries: Array<[string, CacheEntry]> };
      if (data.root === root && data.salt === salt) return new AnalysisCache(root, salt, new Map(data.entries));
    } catch {
      // Unreadable cache: start over.
    }
    return new AnalysisCache(root, salt);
  }

  /** Entry still valid for this stat, without reading the file. */
  fresh(rel: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const e = this.entries.get(rel);
    if (!e || e.size !== size || e.mtimeMs !== mtimeMs) return undefined;
    if (e.readAt - e.mtimeMs < RACY_MS) return undefined;
    return e;
  }

  /** Entry whose content hash matches (a touched but unchanged file). */
  sameContent(rel: string, hash: string): CacheEntry | undefined {
    const e = this.entries.get(rel);
    return e && e.hash === hash ? e : undefined;
  }

  /** Drop entries for files that no longer exist. */
  retain(paths: ReadonlySet<string>): void {
    for (const rel of this.entries.keys()) if (!paths.has(rel)) this.entries.delete(rel);
  }

  /** Persist atomically (write then rename). Fragments are not saved: they are cheap to rebuild. */
  save(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const entries = [...this.entries].map(([k, e]) => [k, { size: e.size, mtimeMs: e.mtimeMs, hash: e.hash, readAt: e.readAt, facts: e.facts }]);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, v8.serialize({ root: this.root, salt: this.salt, entries }));
    fs.renameSync(tmp, file);
  }
}
