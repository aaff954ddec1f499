import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// ---- repo_map.json (documented in docs/project.md; bump REPO_MAP_VERSION on breaking changes) ----

export const REPO_MAP_VERSION = 1;

const Evidence = z.array(z.string()).describe("why we believe it: file paths, manifest keys");

export const RepoSymbol = z.object({
  name: z.string(),
  kind: z.enum(["function", "class", "method", "interface", "type", "enum", "struct", "trait", "impl", "module", "constant", "variable"]),
  /** Declaration head (up to the body), whitespace collapsed, ≤ 200 chars. */
  signature: z.string(),
  /** 1-based, inclusive. */
  startLine: z.number().int(),
  endLine: z.number().int(),
  exported: z.boolean(),
  /** Enclosing class/impl/interface name for methods. */
  parent: z.string().optional(),
});
export type RepoSymbol = z.infer<typeof RepoSymbol>;

export const RepoFile = z.object({
  /** Relative to `root`, "/"-separated. */
  path: z.string(),
  /** Parser language id, or a plain language name for files listed but not parsed ("markdown", "json"…). */
  language: z.string(),
  bytes: z.number().int(),
  lines: z.number().int(),
  symbols: z.array(RepoSymbol),
  /** Import specifiers as written. */
  imports: z.array(z.string()),
  isTest: z.boolean(),
  /** Set when the file was listed but not parsed (too large, parse failure). */
  note: z.string().optional(),
});
export type RepoFile = z.infer<typeof RepoFile>;

export const RepoMap = z.object({
  version: z.literal(REPO_MAP_VERSION),
  generator: z.string(),
  /** ISO 8601. */
  generatedAt: z.string(),
  /** Absolute path of the analyzed folder. */
  root: z.string(),
  name: z.string(),
  stats: z.object({
    filesSeen: z.number().int(),
    filesListed: z.number().int(),
    filesParsed: z.number().int(),
    cacheHits: z.number().int(),
    skipped: z.object({
      ignored: z.number().int(),
      binary: z.number().int(),
      tooLarge: z.number().int(),
      vendored: z.number().int(),
      symlinks: z.number().int(),
      unreadable: z.number().int(),
    }),
    durationMs: z.number(),
  }),
  languages: z.array(z.object({ language: z.string(), files: z.number().int(), lines: z.number().int(), bytes: z.number().int() })),
  frameworks: z.array(z.object({ name: z.string(), category: z.string(), evidence: Evidence })),
  packageManagers: z.array(z.object({ name: z.string(), evidence: Evidence })),
  testFrameworks: z.array(z.object({ name: z.string(), language: z.string(), evidence: Evidence })),
  testCommands: z.array(
    z.object({
      command: z.string(),
      /** Relative to root; "." for the root. */
      cwd: z.string(),
      framework: z.string().optional(),
      /** How it was found, e.g. `package.json scripts.test`. */
      source: z.string(),
    }),
  ),
  entryPoints: z.array(z.object({ path: z.string(), kind: z.string(), evidence: z.string() })),
  tooling: z.array(z.object({ tool: z.string(), purpose: z.enum(["lint", "format", "types", "build", "ci", "editor"]), config: z.string() })),
  conventions: z.object({
    /** Per language: dominant naming of functions, types and file names, with the share that follows it (0–1). */
    naming: z.array(z.object({ language: z.string(), subject: z.enum(["functions", "types", "files"]), style: z.string(), share: z.number() })),
    /** Per language: "colocated" (next to code), "separate" (a tests folder) or "mixed"; with the file pattern seen. */
    tests: z.array(z.object({ language: z.string(), placement: z.string(), pattern: z.string(), dirs: z.array(z.string()), files: z.number().int(), colocated: z.number().int() })),
    indentation: z.array(z.object({ language: z.string(), style: z.string() })),
    /** Top-level folders with file counts. */
    layout: z.array(z.object({ dir: z.string(), files: z.number().int() })),
    quotes: z.array(z.object({ language: z.string(), style: z.enum(["single", "double"]), share: z.number() })),
  }),
  files: z.array(RepoFile),
  /** Edges of the import/reference graph: `from` uses `to` (import: a resolved import; reference: uses a name `to` defines). */
  graph: z.array(z.object({ from: z.string(), to: z.string(), weight: z.number(), kind: z.enum(["import", "reference"]) })),
  /** Files by PageRank over `graph`, best first (`rank` sums to 1 over all files). */
  ranking: z.array(z.object({ path: z.string(), rank: z.number() })),
  todos: z.object({
    total: z.number().int(),
    byTag: z.record(z.string(), z.number().int()),
    /** Capped at 200. */
    items: z.array(z.object({ path: z.string(), line: z.number().int(), tag: z.string(), text: z.string() })),
  }),
  map: z.object({ tokenBudget: z.number().int(), tokens: z.number().int(), files: z.number().int() }),
  /** Token-budgeted map for prompts: most important files and their signatures first. */
  mapText: z.string(),
});
export type RepoMap = z.infer<typeof RepoMap>;

/** Where the analysis put its files and what it found, small enough for the wire (the full map stays on disk). */
export const AnalyzeSummary = z.object({
  root: z.string(),
  outDir: z.string(),
  repoMapPath: z.string(),
  statePath: z.string(),
  /** The git exclude file the output folder was just added to (`.git/info/exclude`), when it was. */
  gitExcluded: z.string().optional(),
  stats: RepoMap.shape.stats,
  languages: RepoMap.shape.languages,
  frameworks: RepoMap.shape.frameworks,
  packageManagers: RepoMap.shape.packageManagers,
  testCommands: RepoMap.shape.testCommands,
  entryPoints: RepoMap.shape.entryPoints,
  /** Best-ranked files, best first. */
  topFiles: z.array(z.object({ path: z.string(), rank: z.number(), symbols: z.number().int() })),
  /** First lines of each written file. */
  previews: z.array(z.object({ path: z.string(), head: z.string() })),
});
export type AnalyzeSummary = z.infer<typeof AnalyzeSummary>;

/** Which rule files to write. The default everywhere is `mdc+agents` (.cursor/rules/*.mdc and AGENTS.md); the legacy `.cursorrules` only on request. */
export const RulesFormat = z.enum(["mdc+agents", "mdc", "agents", "legacy", "all"]);
export type RulesFormat = z.infer<typeof RulesFormat>;

/** One file the rules generator wants to write, with what happens to it. */
export const PlannedFile = z.object({
  path: z.string(),
  /** create: new file · update: managed section or generated file changes · unchanged · conflict: user-written, needs `force` · overwrite: user-written, replaced because of `force`. */
  action: z.enum(["create", "update", "unchanged", "conflict", "overwrite"]),
  /** Unified diff of the change (empty when unchanged). */
  diff: z.string(),
  /** First lines of the new content. */
  head: z.string(),
  written: z.boolean(),
});
export type PlannedFile = z.infer<typeof PlannedFile>;

export const projectMethods = {
  "project.summary": method(
    z.object({ input: z.string().min(1).describe("repo_map.json, or a project / artifacts folder holding it") }),
    AnalyzeSummary,
    "Summary of an existing analysis (after a reload).",
  ),
  "project.recent": method(
    z.object({ limit: z.number().int().min(1).max(100).optional() }),
    z.object({ projects: z.array(z.object({ root: z.string(), outDir: z.string(), analyzedAt: z.number() })) }),
    "Recently analyzed projects, newest first.",
  ),
} as const;

export const projectTopics = {} as const;

export const projectRunKinds = {
  "project.analyze": runKind(
    z.object({
      path: z.string().min(1),
      /** Output folder. Defaults to `<path>/artifacts`. */
      out: z.string().optional(),
      /** Map text budget in tokens (≈ 4 chars each). Defaults to config `project.mapTokens`. */
      tokenBudget: z.number().int().min(64).max(200_000).optional(),
      /** Ignore the incremental cache. Defaults to `false`. */
      noCache: z.boolean().optional(),
    }),
    AnalyzeSummary,
    "Analyze a repository: repo_map.json + state.md.",
  ),
  "project.cursorrules": runKind(
    z.object({
      input: z.string().min(1),
      /** Project root to write into. Defaults to the root recorded in the repo map. */
      root: z.string().optional(),
      /** Defaults to `mdc+agents`. */
      format: RulesFormat.optional(),
      /** Legacy file path (for `legacy`/`all`). Defaults to `<root>/.cursorrules`. */
      out: z.string().optional(),
      /** Replace user-written files. Defaults to `false`. */
      force: z.boolean().optional(),
      /** Plan and diff only. Defaults to `false`. */
      dryRun: z.boolean().optional(),
    }),
    z.object({ root: z.string(), files: z.array(PlannedFile) }),
    "Generate Cursor rules (.cursor/rules/*.mdc, AGENTS.md, .cursorrules).",
  ),
  "project.propose": runKind(
    z.object({
      input: z.string().min(1),
      state: z.string().optional(),
      /** Output file. Defaults to `<outDir>/prompts/next_feature.md`. */
      out: z.string().optional(),
      /** Template file. Defaults to config `project.proposeTemplate`, else the built-in one. */
      template: z.string().optional(),
      /** What the user wants next (free text); empty lets the analysis suggest. */
      goal: z.string().max(4000).optional(),
      /** Ask a model for the goal when one is available. Defaults to `false`. */
      useModel: z.boolean().optional(),
    }),
    z.object({ path: z.string(), text: z.string(), usedModel: z.string().optional() }),
    "Write a next-feature prompt from the analysis.",
  ),
} as const;
