import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the verify capability: reading AI answers, validation, safe apply + undo, sandboxed tests, reward.

/** One structured validation result (syntax, compliance, security, language checker). */
export const Finding = z.object({
  rule: z.string(),
  category: z.enum(["syntax", "compliance", "security", "checker"]),
  severity: z.enum(["error", "warning", "info"]),
  /** Project-relative path (forward slashes). */
  file: z.string(),
  /** 1-based; 0 when the finding is about the whole file. */
  line: z.number().int().min(0),
  column: z.number().int().min(0).optional(),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * How an answer wrote a file: ```` ```ts src/x.ts ```` (`fence-info`), ```` ```ts:src/x.ts ```` (`cursor`), a path
 * comment on the first line (`path-comment`), a path line before the fence (`path-line`, whole file), the one
 * untagged block for the expected file (`expected-file`), a unified diff, Aider SEARCH/REPLACE blocks, Cline/Roo
 * SEARCH/REPLACE (`------- SEARCH`, `<replace_in_file>`/`<apply_diff>`/`<write_to_file>` tags), or a V4A patch
 * (`*** Begin Patch`).
 */
export const AnswerFormat = z.enum(["fence-info", "cursor", "path-comment", "path-line", "expected-file", "unified-diff", "search-replace", "cline", "v4a"]);
export type AnswerFormat = z.infer<typeof AnswerFormat>;

/**
 * One search/replace step on an existing file. SEARCH/REPLACE blocks must match exactly once in the file; V4A hunks
 * (`sequential`) match the first time after the previous hunk (and after `anchor`, the `@@` context line).
 */
export const SearchReplaceEdit = z.object({
  search: z.string(),
  replace: z.string(),
  /** V4A `@@ context`: a line to find first; the hunk matches after it. */
  anchor: z.string().optional(),
  /** V4A `*** End of File`: the hunk is at the end of the file. */
  eof: z.boolean().optional(),
});
export type SearchReplaceEdit = z.infer<typeof SearchReplaceEdit>;

/**
 * A file an AI answer proposes. `write` carries the full content; `patch` a unified diff; `delete` nothing; `edit`
 * search/replace steps on the existing file; `merge` content with lazy markers (`// ... existing code ...`) to merge
 * into the existing file. `edit`, `merge` and `patch` need the file on disk: `resolveAnswer` turns them into contents.
 */
export const ProposedFile = z.object({
  path: z.string(),
  kind: z.enum(["write", "patch", "delete", "edit", "merge"]),
  content: z.string().optional(),
  patch: z.string().optional(),
  edits: z.array(SearchReplaceEdit).optional(),
  /** V4A `*** Move to:`: the edited file is written here and the old path deleted. */
  moveTo: z.string().optional(),
  language: z.string().optional(),
  /** How the path was found. */
  source: z.enum(["info-string", "first-line", "preceding-line", "diff", "expected-file", "tag", "patch-header", "earlier-path"]),
  format: AnswerFormat,
  /** Index of the fenced block (or diff, patch, tag) in the answer, 0-based. */
  block: z.number().int(),
});
export type ProposedFile = z.infer<typeof ProposedFile>;

export const UnmappedBlock = z.object({
  block: z.number().int(),
  language: z.string().optional(),
  /**
   * Why it was left out: a citation of existing lines (```` ```12:15:path ````, never written), commands or output,
   * no path, truncated, or not a valid edit. Absent in plans stored before kinds existed.
   */
  kind: z.enum(["citation", "commands", "no-path", "truncated", "invalid"]).optional(),
  reason: z.string(),
  /** First lines of the block, for the user to recognise it. */
  preview: z.string(),
});
export type UnmappedBlock = z.infer<typeof UnmappedBlock>;

export const ParsedAnswer = z.object({
  files: z.array(ProposedFile),
  unmapped: z.array(UnmappedBlock),
  /** Non-fatal remarks (a path given twice, …). */
  notes: z.array(z.string()),
});
export type ParsedAnswer = z.infer<typeof ParsedAnswer>;

/** The lines of the file most like a block that did not match (Aider's "did you mean"). */
export const ClosestLines = z.object({
  /** 1-based, inclusive. */
  startLine: z.number().int().min(1),
  endLine: z.number().int().min(1),
  /** In [0, 1]; 1 = identical. */
  similarity: z.number().min(0).max(1),
  text: z.string(),
});
export type ClosestLines = z.infer<typeof ClosestLines>;

/** An edit that could not be turned into new file contents during the dry run; nothing of its file is written. */
export const MatchFailure = z.object({
  path: z.string(),
  /** The answer block (as in `ProposedFile.block`). */
  block: z.number().int(),
  /** Which step of that file's edits, 0-based (the nth SEARCH/REPLACE block or V4A hunk); absent for whole-file problems. */
  edit: z.number().int().optional(),
  format: AnswerFormat,
  reason: z.enum(["not-found", "ambiguous", "file-missing", "file-exists", "lazy-unanchored", "lazy-ambiguous", "lazy-new-file", "path-refused", "unreadable"]),
  /** One line for people and fix prompts: which block, why, how many matches. */
  message: z.string(),
  /** The lines that were searched for (trimmed to a few hundred characters). */
  search: z.string().optional(),
  /** How many places matched (ambiguous), when counted. */
  matches: z.number().int().optional(),
  closest: ClosestLines.optional(),
});
export type MatchFailure = z.infer<typeof MatchFailure>;

/** Concrete file contents an answer resolves to against the project, after the dry run. */
export const ResolvedEdit = z.object({
  path: z.string(),
  kind: z.enum(["write", "delete"]),
  content: z.string().optional(),
  format: AnswerFormat,
  /** How the path was found (as in `ProposedFile.source`). */
  source: ProposedFile.shape.source,
  block: z.number().int(),
  /** The content came from merging lazy markers, search/replace steps or a diff into the file on disk. */
  merged: z.boolean(),
});
export type ResolvedEdit = z.infer<typeof ResolvedEdit>;

export const ResolvedAnswer = z.object({
  edits: z.array(ResolvedEdit),
  /** Blocks left out (citations, commands, no path…), never written. */
  ignored: z.array(UnmappedBlock),
  failures: z.array(MatchFailure),
  notes: z.array(z.string()),
});
export type ResolvedAnswer = z.infer<typeof ResolvedAnswer>;

export const PlannedFile = z.object({
  path: z.string(),
  action: z.enum(["create", "modify", "delete", "none"]),
  /** `ok` may be approved; `protected` needs a separate explicit confirmation; `rejected` is never written. */
  status: z.enum(["ok", "protected", "rejected"]),
  reasons: z.array(z.string()),
  /** Warnings that do not block: "executes during tests", "modifies a pinned test"… */
  flags: z.array(z.string()),
  /** sha256 of the bytes on disk when planned (null: did not exist). The stale-write guard compares it. */
  oldHash: z.string().nullable(),
  newHash: z.string().nullable(),
  /** Texts for the diff view (LF line endings, no BOM); empty when binary/absent. */
  oldText: z.string(),
  newText: z.string(),
  diff: z.string(),
  findings: z.array(Finding),
  /** The answer format the file came in (absent in plans stored before formats were recorded). */
  format: AnswerFormat.optional(),
});
export type PlannedFile = z.infer<typeof PlannedFile>;

export const ApplyPlan = z.object({
  planId: z.string(),
  project: z.string(),
  createdAt: z.number(),
  files: z.array(PlannedFile),
  unmapped: z.array(UnmappedBlock),
  notes: z.array(z.string()),
  /** Edits whose dry run failed (SEARCH not found, ambiguous, lazy markers without anchors…); not in `files`. */
  failures: z.array(MatchFailure).optional(),
  /** Whether any planned file changes a pinned test (the run after applying would be `tests_tampered`). */
  touchesTests: z.boolean(),
});
export type ApplyPlan = z.infer<typeof ApplyPlan>;

export const ApplyRecord = z.object({
  applyId: z.string(),
  planId: z.string().nullable(),
  project: z.string(),
  files: z.array(z.object({ path: z.string(), action: z.enum(["create", "modify", "delete"]) })),
  createdAt: z.number(),
  undoneAt: z.number().nullable(),
});
export type ApplyRecord = z.infer<typeof ApplyRecord>;

export const TestCase = z.object({
  name: z.string(),
  suite: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  status: z.enum(["passed", "failed", "skipped", "error"]),
  durationMs: z.number().optional(),
  message: z.string().optional(),
});
export type TestCase = z.infer<typeof TestCase>;

export const RunnerId = z.enum(["pytest", "vitest", "jest", "go", "cargo", "npm", "custom"]);
export type RunnerId = z.infer<typeof RunnerId>;

export const RewardBreakdown = z.object({
  /** In [0, 1]. */
  reward: z.number().min(0).max(1),
  passRate: z.number().min(0).max(1),
  validationPenalty: z.number().min(0),
  securityPenalty: z.number().min(0),
  fixBonus: z.number().min(0),
  /** Why the reward was forced to 0, if it was. */
  zeroReason: z.enum(["timeout", "crash", "tests_tampered", "no_tests"]).nullable(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  fixedTests: z.number().int(),
  previouslyFailing: z.number().int(),
  formula: z.string(),
});
export type RewardBreakdown = z.infer<typeof RewardBreakdown>;

export const SandboxInfo = z.object({
  mode: z.enum(["bwrap", "unsandboxed"]),
  /** Limits actually in force, for the report. */
  limits: z.object({
    timeoutSec: z.number(),
    memoryMiB: z.number(),
    maxProcesses: z.number().nullable(),
    processCapBy: z.enum(["rlimit", "cgroup", "none"]),
    outputCapKiB: z.number(),
  }),
  notes: z.array(z.string()),
});
export type SandboxInfo = z.infer<typeof SandboxInfo>;

export const TestRunResult = z.object({
  project: z.string(),
  runner: RunnerId,
  command: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  durationMs: z.number(),
  sandbox: SandboxInfo,
  tests: z.array(TestCase),
  summary: z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int(), skipped: z.number().int(), errors: z.number().int() }),
  /** Whether per-test results were parsed (false: exit code only). */
  perTest: z.boolean(),
  output: z.object({ text: z.string(), truncated: z.boolean(), totalBytes: z.number() }),
  testsTampered: z.boolean(),
  tamperedFiles: z.array(z.string()),
  acceptedTestChanges: z.boolean(),
  reward: RewardBreakdown,
});
export type TestRunResult = z.infer<typeof TestRunResult>;

const project = z.string().min(1);

/** What an apply wrote and what it skipped, and why. */
export const ApplyResult = z.object({ applyId: z.string(), written: z.array(z.string()), skipped: z.array(z.object({ path: z.string(), reason: z.string() })) });
export type ApplyResult = z.infer<typeof ApplyResult>;

export const verifyMethods = {
  "verify.parseAnswer": method(
    z.object({ text: z.string().max(5_000_000), expectedFile: z.string().optional() }),
    ParsedAnswer,
    "Extract the files an AI answer proposes, in any supported format (docs/verify.md \"Answer formats\"); edits that need the file on disk stay unresolved.",
  ),
  "verify.validate": method(
    z.object({ project: project.optional(), files: z.array(z.object({ path: z.string(), content: z.string() })).max(500) }),
    z.object({ findings: z.array(Finding) }),
    "Syntax, compliance and security findings for candidate files.",
  ),
  "verify.plan": method(
    z.object({
      project,
      /** The AI answer; omit and set `fromClipboard` to read the clipboard port. */
      text: z.string().max(5_000_000).optional(),
      fromClipboard: z.boolean().optional(),
      expectedFile: z.string().optional(),
    }),
    ApplyPlan,
    "Read an answer and diff every proposed file against the project; stored for approval.",
  ),
  "verify.getPlan": method(z.object({ planId: z.string() }), ApplyPlan, "A stored plan."),
  "verify.apply": method(
    z.object({
      planId: z.string(),
      /** "all" approves every `ok` file; a list approves exactly those paths. */
      approve: z.union([z.literal("all"), z.array(z.string())]),
      /** Protected paths (deny-list) the user confirmed separately. */
      confirmProtected: z.array(z.string()).optional(),
    }),
    ApplyResult,
    "Write the approved files atomically (journaled, undoable).",
  ),
  "verify.undo": method(
    z.object({ project, applyId: z.string().optional(), force: z.boolean().optional() }),
    z.object({ applyId: z.string(), restored: z.array(z.string()) }),
    "Restore the exact bytes from before the last (or given) apply.",
  ),
  "verify.history": method(
    z.object({ project: project.optional(), limit: z.number().int().min(1).max(500).optional() }),
    z.object({ applies: z.array(ApplyRecord) }),
    "Recent applies, newest first.",
  ),
  "verify.detect": method(
    z.object({ project }),
    z.object({ runner: RunnerId.nullable(), command: z.string().nullable(), reason: z.string() }),
    "Which test runner a project uses.",
  ),
  "verify.sandboxStatus": method(
    z.object({ project: project.optional() }),
    z.object({ available: z.boolean(), bwrap: z.string().nullable(), detail: z.string(), consented: z.boolean() }),
    "Whether tests run sandboxed, and whether the project consented to unsandboxed runs.",
  ),
  "verify.consent": method(
    z.object({ project, grant: z.boolean() }),
    z.object({ consented: z.boolean() }),
    "Grant or revoke consent to run this project's tests without a sandbox.",
  ),
  "verify.kpis": method(
    z.object({ project: project.optional() }),
    z.object({ passRate: z.number().nullable(), firstPromptSuccess: z.number().nullable(), runs: z.number().int(), meanReward: z.number().nullable() }),
    "pass_rate and first_prompt_success over the stored test runs.",
  ),
} as const;

export const verifyTopics = {} as const;

export const verifyRunKinds = {
  "verify.test": runKind(
    z.object({
      project,
      /** Custom command (run with sh -c); overrides detection. */
      command: z.string().optional(),
      runner: RunnerId.optional(),
      timeoutSec: z.number().positive().max(86_400).optional(),
      /** The user accepted that the candidate changed pinned tests. */
      acceptTestChanges: z.boolean().optional(),
      /** Validation counts of the candidate, for the reward penalties. */
      validation: z
        .object({ errors: z.number().int().min(0), warnings: z.number().int().min(0), securityHigh: z.number().int().min(0), securityMedium: z.number().int().min(0) })
        .optional(),
      /** Conductor-loop bookkeeping for KPIs: which prompt, which attempt (1 = first). */
      promptId: z.string().optional(),
      attempt: z.number().int().min(1).optional(),
    }),
    TestRunResult,
    "Detect the runner and run the project's tests in the sandbox; per-test results and reward.",
    { output: z.string() },
  ),
} as const;
