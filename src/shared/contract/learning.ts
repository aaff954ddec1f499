import { z } from "zod";
import { method, runKind } from "./defineContract.js";
import { RewardBreakdown, RunnerId } from "./verify.js";

// Contract of the learning capability: the pattern library, statistics, selectors (bandit, PPO), human
// feedback and the error memory.

/** Coarse kind of task, from its words (bandit posteriors are kept per task type × model). */
export const TaskType = z.enum(["bugfix", "feature", "refactor", "test", "docs", "other"]);
export type TaskType = z.infer<typeof TaskType>;

export const Thumbs = z.enum(["up", "down"]);
export type Thumbs = z.infer<typeof Thumbs>;

export const PatternFeedback = z.object({ thumbs: Thumbs.nullable(), note: z.string().max(4000) });
export type PatternFeedback = z.infer<typeof PatternFeedback>;

const PatternTests = z.object({
  runner: RunnerId,
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  failing: z.array(z.object({ name: z.string(), file: z.string().optional(), line: z.number().int().optional(), message: z.string().optional() })),
});

/** One saved attempt: prompt → code → tests → reward, searchable and reusable. */
export const Pattern = z.object({
  id: z.string().min(1).max(100),
  /** sha256 of task + answer + file diffs: the same solution is stored once. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  task: z.string(),
  taskType: TaskType,
  project: z.string(),
  prompt: z.string(),
  answer: z.string(),
  files: z.array(z.object({ path: z.string(), action: z.enum(["create", "modify", "delete"]), diff: z.string() })),
  validation: z.object({ errors: z.number().int(), warnings: z.number().int(), securityHigh: z.number().int(), securityMedium: z.number().int() }),
  tests: PatternTests.nullable(),
  /** In [0, 1]; null when nothing was tested. */
  reward: z.number().min(0).max(1).nullable(),
  rewardComponents: RewardBreakdown.nullable(),
  /** Tests went green. */
  passed: z.boolean(),
  models: z.array(z.string()),
  personas: z.array(z.string()),
  sampling: z.object({ temperature: z.number(), topP: z.number() }).nullable(),
  timings: z.object({ awaitMs: z.number(), testMs: z.number(), totalMs: z.number() }),
  iteration: z.number().int().min(1),
  runId: z.string().nullable(),
  promptId: z.string().nullable(),
  feedback: PatternFeedback,
  tags: z.array(z.string().min(1).max(64)).max(50),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Pattern = z.infer<typeof Pattern>;

/** A table row: the pattern without its bulky text. */
export const PatternSummary = Pattern.pick({ id: true, task: true, taskType: true, project: true, reward: true, passed: true, models: true, iteration: true, tags: true, createdAt: true, feedback: true }).extend({
  fileCount: z.number().int(),
  /** BM25 score when searched (lower is better, as SQLite reports it); null when listed. */
  score: z.number().nullable(),
  /** Matched words in context, when searched. */
  snippet: z.string().nullable(),
});
export type PatternSummary = z.infer<typeof PatternSummary>;

export const PatternSort = z.enum(["relevance", "newest", "oldest", "reward", "iterations"]);
export type PatternSort = z.infer<typeof PatternSort>;

export const PatternQuery = z.object({
  /** Full-text query (words; all must match). Empty or absent lists without ranking. */
  query: z.string().max(1000).optional(),
  minReward: z.number().min(0).max(1).optional(),
  maxReward: z.number().min(0).max(1).optional(),
  taskType: TaskType.optional(),
  /** Substring of a model id. */
  model: z.string().max(200).optional(),
  /** Epoch ms, inclusive. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  tag: z.string().max(64).optional(),
  succeededOnly: z.boolean().optional(),
  /** Defaults to `relevance` with a query, else `newest`. */
  sort: PatternSort.optional(),
  /** Defaults to `50`. */
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).optional(),
});
export type PatternQuery = z.input<typeof PatternQuery>;

/** Version of the export document; imports of any other version are refused. */
export const PATTERN_DOCUMENT_VERSION = 1;

/** The export/import file. Its JSON Schema ships as resources/pattern-library.schema.json. */
export const PatternDocument = z
  .object({
    format: z.literal("codeconductor.patterns"),
    version: z.literal(PATTERN_DOCUMENT_VERSION),
    exportedAt: z.number().int(),
    patterns: z.array(Pattern.strict()),
  })
  .strict();
export type PatternDocument = z.infer<typeof PatternDocument>;

export const SelectorPolicy = z.enum(["fixed", "all", "latency", "bandit", "ppo"]);
export type SelectorPolicy = z.infer<typeof SelectorPolicy>;

/** Why the selector picked what it picked: shown on the run and kept for the Learning view. */
export const SelectionDecision = z.object({
  id: z.string(),
  at: z.number().int(),
  /** The policy that decided (after fallbacks). */
  policy: z.string(),
  /** The policy asked for. */
  requested: z.string(),
  taskType: TaskType,
  /** Candidate model ids in the order the policy ranked them. */
  ranking: z.array(z.object({ model: z.string(), score: z.number().nullable(), detail: z.string() })),
  chosen: z.array(z.string()),
  /** PPO only: the action taken and its probabilities. */
  action: z.string().nullable(),
  reason: z.string(),
  runId: z.string().nullable(),
});
export type SelectionDecision = z.infer<typeof SelectionDecision>;

export const ArmState = z.object({
  taskType: TaskType,
  model: z.string(),
  alpha: z.number(),
  beta: z.number(),
  /** Observations counted (after discounting). */
  n: z.number(),
  mean: z.number(),
  /** Standard deviation of the Beta posterior. */
  sd: z.number(),
  updatedAt: z.number().int(),
});
export type ArmState = z.infer<typeof ArmState>;

export const ErrorSignature = z.object({
  signature: z.string(),
  errorType: z.string(),
  skeleton: z.string(),
  locationKind: z.string(),
  count: z.number().int(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  /** Short descriptions of fixes that made this failure go away (newest first). */
  fixes: z.array(z.object({ patternId: z.string(), summary: z.string(), at: z.number().int() })),
  example: z.string(),
});
export type ErrorSignature = z.infer<typeof ErrorSignature>;

export const DemoPolicy = z.enum(["bandit", "ppo", "random"]);
export const DemoResult = z.object({
  policy: DemoPolicy,
  episodes: z.number().int(),
  seed: z.number().int(),
  cumulativeRegret: z.number(),
  randomRegret: z.number(),
  /** Share of the last 50 picks (or all, when fewer) that took the best arm. */
  bestArmShare: z.number(),
});
export type DemoResult = z.infer<typeof DemoResult>;

const Bucket = z.object({ key: z.string(), attempts: z.number().int(), successRate: z.number(), meanReward: z.number().nullable() });
export const PatternStats = z.object({
  total: z.number().int(),
  succeeded: z.number().int(),
  /** Per day (UTC, YYYY-MM-DD). */
  overTime: z.array(Bucket),
  perModel: z.array(Bucket),
  perTaskType: z.array(Bucket),
  /** Iteration at which runs went green → how many runs. */
  iterationsToGreen: z.array(z.object({ iterations: z.number().int(), runs: z.number().int() })),
});
export type PatternStats = z.infer<typeof PatternStats>;

export const LearningStatus = z.object({
  enabled: z.boolean(),
  policy: z.string(),
  /** Why learning is off or a policy fell back. */
  notes: z.array(z.string()),
  patterns: z.number().int(),
  arms: z.array(ArmState),
  ppo: z.object({ trained: z.boolean(), file: z.string(), timesteps: z.number().int(), meanReward: z.number().nullable(), trainedAt: z.number().int().nullable(), problem: z.string().nullable() }),
  decisions: z.array(SelectionDecision),
  /** Mean reward of episodes during training, in order (the PPO learning curve). */
  curve: z.array(z.number()),
});
export type LearningStatus = z.infer<typeof LearningStatus>;

export const TrainResult = z.object({ timesteps: z.number().int(), before: z.number(), after: z.number(), bandit: z.number(), file: z.string(), simulator: z.record(z.string(), z.number()) });
export type TrainResult = z.infer<typeof TrainResult>;

const id = z.object({ id: z.string() });

export const learningMethods = {
  "patterns.list": method(PatternQuery, z.object({ patterns: z.array(PatternSummary), total: z.number().int(), capped: z.boolean() }), "Search or list saved patterns with filters and sort."),
  "patterns.get": method(id, Pattern, "One pattern in full (code, tests, reward)."),
  "patterns.delete": method(id, z.object({ deleted: z.boolean() }), "Delete a pattern."),
  "patterns.tag": method(
    z.object({ id: z.string(), add: z.array(z.string().min(1).max(64)).optional(), remove: z.array(z.string()).optional() }),
    z.object({ tags: z.array(z.string()) }),
    "Add or remove tags of a pattern.",
  ),
  "patterns.export": method(z.object({ ids: z.array(z.string()).optional() }), PatternDocument, "The library (or some patterns) as a versioned JSON document."),
  "patterns.import": method(
    z.object({ text: z.string() }),
    z.object({ imported: z.number().int(), duplicates: z.number().int() }),
    "Import an exported document: validated and size-capped, deduplicated by content hash, all or nothing.",
  ),
  "patterns.stats": method(z.object({}).strict(), PatternStats, "Success rate and reward over time, per model and task type; iterations to green."),
  "patterns.similar": method(
    z.object({ task: z.string().min(1).max(100_000), k: z.number().int().min(1).max(20).optional(), tokenBudget: z.number().int().min(1).optional() }),
    z.object({ patterns: z.array(PatternSummary), text: z.string(), tokens: z.number().int(), retrieval: z.enum(["bm25", "bm25+embeddings"]) }),
    "The most similar successful patterns to a task, as prompt text within a token budget (BM25, fused with embeddings when learning.embeddingModel is set).",
  ),
  "learn.feedback": method(
    z.object({ patternId: z.string().optional(), runId: z.string().optional(), thumbs: Thumbs, note: z.string().max(4000).optional() }),
    z.object({ updated: z.number().int() }),
    "Thumbs up/down and a note on a pattern or a run (all its patterns); enters the reward history.",
  ),
  "learn.status": method(z.object({}).strict(), LearningStatus, "Selector state: posteriors per task type × model, PPO policy, last decisions."),
  "learn.demo": method(
    z.object({ policy: DemoPolicy.optional(), episodes: z.number().int().min(1).max(100_000).optional(), seed: z.number().int().optional() }),
    DemoResult,
    "The documented demo: four arms with success 0.2/0.4/0.6/0.8, one pick per episode.",
  ),
  "learn.errors": method(z.object({ limit: z.number().int().min(1).max(1000).optional() }), z.object({ errors: z.array(ErrorSignature) }), "The error memory: failure signatures, counts and fixes."),
} as const;

export const learningRunKinds = {
  "learn.train": runKind(z.object({ timesteps: z.number().int().min(256).max(2_000_000).optional(), seed: z.number().int().optional() }), TrainResult, "Train the PPO agent on a simulator estimated from the logged attempts."),
} as const;

export const learningTopics = {
  /** Patterns were added, changed or deleted. */
  "patterns.changed": z.object({ reason: z.enum(["ingest", "import", "delete", "tag", "feedback"]), ids: z.array(z.string()) }),
  /** The selector decided (ensemble member choice). */
  "learn.decision": SelectionDecision,
} as const;
