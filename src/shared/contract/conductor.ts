import { z } from "zod";
import { method, runKind } from "./defineContract.js";
import { ApplyPlan, Finding, RewardBreakdown, RunnerId, TestRunResult } from "./verify.js";

// Contract of the conductor loop: describe → explore → analyze → prompt → await code → review → approve →
// apply → test → reward → record → done, or fix prompt → await code…

/** How code arrives for a loop run. */
export const GeneratorKind = z.enum(["clipboard", "watch", "command", "local"]);
export type GeneratorKind = z.infer<typeof GeneratorKind>;

export const LoopStage = z.enum([
  "describe",
  "explore",
  "analyze",
  "prompt",
  "await_code",
  "review",
  "approve",
  "apply",
  "test",
  "record",
  "fix_prompt",
  "done",
]);
export type LoopStage = z.infer<typeof LoopStage>;

/** How a loop ended. `green`: tests passed; the others are not green. */
export const LoopOutcome = z.enum(["green", "iterations_exhausted", "repeated_failure", "abandoned", "stopped", "failed"]);
export type LoopOutcome = z.infer<typeof LoopOutcome>;

export const LoopRunInput = z.object({
  /** What the user wants, in their words. */
  task: z.string().min(1).max(100_000),
  /** Project folder (tests run here; answers are applied here). */
  project: z.string().min(1),
  /** Defaults to `clipboard`. */
  generator: GeneratorKind.optional(),
  /** Shell command for the `command` generator; `{promptFile}` is replaced by the prompt file's path. */
  command: z.string().optional(),
  /** Defaults to config `conductor.maxIterations` (3). */
  maxIterations: z.number().int().min(1).max(20).optional(),
  /** Apply without asking. Defaults to `false`. */
  autoApprove: z.boolean().optional(),
  /** Ensemble members (model ids or substrings) for the analysis; defaults to the selector policy. */
  models: z.array(z.string()).optional(),
  /** Skip the model analysis even when models exist. Defaults to `false`. */
  skipAnalysis: z.boolean().optional(),
  /** Let a reviewer persona check each candidate against the requirements. Defaults to config `conductor.review`. */
  review: z.boolean().optional(),
  /** Test command overriding runner detection. */
  testCommand: z.string().optional(),
  /** Watch generator: quiet period before edits count as settled. Defaults to config `conductor.settleMs`. */
  settleMs: z.number().int().min(50).max(600_000).optional(),
  /** Per-attempt wait for code (clipboard/watch) or command run, in seconds. Defaults to config. */
  awaitTimeoutSec: z.number().int().min(1).max(86_400).optional(),
});
export type LoopRunInput = z.input<typeof LoopRunInput>;

export const ExploredFile = z.object({
  path: z.string(),
  score: z.number(),
  /** Why it ranks: matched symbols / words. */
  reasons: z.array(z.string()),
});
export type ExploredFile = z.infer<typeof ExploredFile>;

/** A candidate answer that arrived for an iteration, before approval. */
export const Candidate = z.object({
  iteration: z.number().int().min(1),
  source: z.enum(["clipboard", "hotkey", "paste", "watch", "command", "local"]),
  /** Size of the answer text in bytes (0 for watch: the diff is the answer). */
  bytes: z.number().int().min(0),
  plan: ApplyPlan,
  /** Edits that could not be matched against the project (search/replace, lazy markers), Aider-style. */
  failures: z.array(z.object({ path: z.string(), reason: z.string(), closest: z.string().optional() })),
  /** Files already written by the generator itself (watch, command): nothing to apply. */
  preApplied: z.boolean(),
});
export type Candidate = z.infer<typeof Candidate>;

/** One finished attempt: what was asked, what came back, what the tests said. The pattern library indexes these. */
export const AttemptRecord = z.object({
  id: z.string(),
  runId: z.string(),
  /** Same for every attempt of one loop run. */
  promptId: z.string(),
  iteration: z.number().int().min(1),
  task: z.string(),
  project: z.string(),
  generator: GeneratorKind,
  prompt: z.string(),
  answer: z.string(),
  files: z.array(z.object({ path: z.string(), action: z.enum(["create", "modify", "delete"]), diff: z.string() })),
  validation: z.object({ errors: z.number().int(), warnings: z.number().int(), securityHigh: z.number().int(), securityMedium: z.number().int(), findings: z.array(Finding) }),
  tests: z
    .object({
      runner: RunnerId,
      passed: z.number().int(),
      failed: z.number().int(),
      errors: z.number().int(),
      skipped: z.number().int(),
      failing: z.array(z.object({ name: z.string(), file: z.string().optional(), line: z.number().int().optional(), message: z.string().optional() })),
    })
    .nullable(),
  reward: RewardBreakdown.nullable(),
  /** Whether the tests went green on this attempt. */
  passed: z.boolean(),
  /** Models of the analysis members. */
  models: z.array(z.string()),
  personas: z.array(z.string()),
  timings: z.object({ awaitMs: z.number(), testMs: z.number(), totalMs: z.number() }),
  startedAt: z.number(),
  endedAt: z.number(),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;

export const LoopRunResult = z.object({
  runId: z.string(),
  outcome: LoopOutcome,
  iterations: z.number().int().min(0),
  /** Reward of the last tested attempt; null when nothing was tested. */
  reward: z.number().min(0).max(1).nullable(),
  attempts: z.array(z.object({ iteration: z.number().int(), reward: z.number().nullable(), passed: z.number().int(), failed: z.number().int(), files: z.array(z.string()) })),
  message: z.string(),
});
export type LoopRunResult = z.infer<typeof LoopRunResult>;

/** Payloads of the loop run's `data` events, by channel. Each is appended to the run log when it happens. */
export const loopDataChannels = {
  stage: z.object({ stage: LoopStage, iteration: z.number().int().min(0), message: z.string().optional() }),
  explore: z.object({ files: z.array(ExploredFile) }),
  /** Successful past patterns similar to the task (the pattern library's retrieval), included in the prompt. */
  similar: z.object({ patterns: z.array(z.object({ id: z.string(), task: z.string(), reward: z.number().nullable() })), tokens: z.number().int() }),
  prompt: z.object({ iteration: z.number().int().min(1), kind: z.enum(["initial", "fix"]), text: z.string(), tokens: z.number().int(), copied: z.boolean(), cut: z.array(z.string()) }),
  awaiting: z.object({
    iteration: z.number().int().min(1),
    generator: GeneratorKind,
    /** How the clipboard is watched, when it is. */
    watch: z.enum(["events", "polling", "unavailable", "n/a"]),
    hint: z.string(),
  }),
  /** Text that arrived but was not taken as an answer (shown in the log, never applied). */
  ignored: z.object({ reason: z.string(), bytes: z.number().int() }),
  candidate: Candidate,
  review: z.object({ iteration: z.number().int(), findings: z.array(z.object({ severity: z.enum(["error", "warning", "info"]), message: z.string() })), by: z.string() }),
  approval: z.object({
    iteration: z.number().int(),
    approved: z.boolean(),
    by: z.enum(["auto", "user", "hotkey", "terminal"]),
    reason: z.string().optional(),
    /** Which files were approved ("all", or the chosen paths) and which protected ones were confirmed: a resumed apply writes exactly these. Absent in logs from before 0.1 resumes as "all". */
    files: z.union([z.literal("all"), z.array(z.string())]).optional(),
    confirmProtected: z.array(z.string()).optional(),
  }),
  applied: z.object({ iteration: z.number().int(), applyId: z.string().nullable(), written: z.array(z.string()) }),
  output: z.string(),
  tests: TestRunResult,
  attempt: AttemptRecord,
  ranking: z.object({ iteration: z.number().int(), candidates: z.array(z.object({ label: z.string(), passed: z.number().int(), failed: z.number().int(), agreement: z.number(), codebleu: z.number().nullable(), chosen: z.boolean() })) }),
} as const;

export const conductorRunKinds = {
  "conductor.loop": runKind(LoopRunInput, LoopRunResult, "The conductor loop: task → prompt → code → tests, with fix prompts until green.", loopDataChannels),
} as const;

const runRef = z.object({ runId: z.string().optional() });

export const conductorMethods = {
  "conductor.approve": method(
    runRef.extend({ approve: z.union([z.literal("all"), z.array(z.string())]).optional(), confirmProtected: z.array(z.string()).optional(), by: z.enum(["user", "hotkey", "terminal"]).optional() }),
    z.object({ runId: z.string() }),
    "Approve the candidate a loop is waiting on (default: the newest active loop).",
  ),
  "conductor.reject": method(runRef.extend({ reason: z.string().max(2000).optional() }), z.object({ runId: z.string() }), "Reject the pending candidate; the loop waits for another answer."),
  "conductor.capture": method(
    runRef.extend({ text: z.string().max(50_000_000).optional(), by: z.enum(["hotkey", "paste", "user"]).optional() }),
    z.object({ runId: z.string(), accepted: z.boolean(), reason: z.string().optional() }),
    "Take the clipboard (or the given text) as the answer now, even if it was not detected.",
  ),
  "conductor.copyPrompt": method(runRef, z.object({ runId: z.string(), copied: z.boolean() }), "Put the loop's current prompt on the clipboard again."),
  "conductor.runTests": method(runRef, z.object({ runId: z.string() }), "Stop waiting (watch: do not wait for the quiet period) and test now."),
  "conductor.stopAll": method(z.object({}).strict(), z.object({ cancelled: z.number().int() }), "Emergency stop: cancel every active run in every CodeConductor process on this data folder and kill their child processes."),
  "conductor.resume": method(runRef.extend({ runId: z.string(), autoApprove: z.boolean().optional() }), z.object({ runId: z.string() }), "Continue an interrupted loop from its last safe state."),
  "conductor.attempts": method(
    z.object({ runId: z.string().optional(), limit: z.number().int().min(1).max(1000).optional() }),
    z.object({ attempts: z.array(AttemptRecord) }),
    "Stored attempt records, newest first.",
  ),
  "conductor.status": method(
    z.object({}).strict(),
    z.object({
      active: z.array(z.object({ runId: z.string(), stage: LoopStage, iteration: z.number().int(), title: z.string() })),
      hotkeys: z.object({ backend: z.string(), registered: z.array(z.object({ id: z.string(), accelerator: z.string() })), failed: z.array(z.object({ id: z.string(), accelerator: z.string(), reason: z.string() })), reason: z.string().optional() }),
    }),
    "Active loops with their stage, and the hotkeys in force.",
  ),
} as const;

export const conductorTopics = {
  /** A finished attempt (the learning capability indexes it). */
  "conductor.attempt": AttemptRecord,
} as const;
