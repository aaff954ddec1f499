import { z } from "zod";
import { method, runKind } from "./defineContract.js";
import { SelectionDecision } from "./learning.js";

// Contract of the ensemble capability: several local models analyse a task in parallel, a consensus step
// merges them (confidence + disagreements), an optional persona debate comes first, and a Cursor prompt comes out.

/** The structured task analysis every member answers with (validated after generation). */
export const TaskAnalysis = z.object({
  approach: z.string(),
  requirements: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), purpose: z.string() })),
  dependencies: z.array(z.string()),
  constraints: z.array(z.string()),
  risks: z.array(z.string()),
  /** 1 (trivial) – 5 (very hard). */
  complexity: z.number().int().min(1).max(5),
  test_plan: z.array(z.string()),
});
export type TaskAnalysis = z.infer<typeof TaskAnalysis>;
export type AnalysisField = keyof TaskAnalysis;
export const ANALYSIS_FIELDS = ["approach", "requirements", "files", "dependencies", "constraints", "risks", "complexity", "test_plan"] as const;

/** One ensemble member: a model, its sampling and optionally a persona. The same model may repeat with other seeds. */
export const MemberSpec = z.object({
  /** Stable within a run: "m1", "m2"… */
  id: z.string(),
  modelId: z.string(),
  /** Human name used in disagreements ("qwen2.5-coder:7b", "qwen2.5-coder:7b#2"). */
  label: z.string(),
  seed: z.number().int().optional(),
  temperature: z.number().optional(),
  persona: z.string().optional(),
});
export type MemberSpec = z.infer<typeof MemberSpec>;

export const MemberStatus = z.enum(["pending", "running", "ok", "repaired", "invalid", "error", "timeout", "cancelled", "skipped"]);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const MemberResult = MemberSpec.extend({
  status: MemberStatus,
  analysis: TaskAnalysis.optional(),
  /** Code extracted from the answer in `code` mode. */
  code: z.string().optional(),
  /** The raw answer (capped at 20 000 chars). */
  rawText: z.string(),
  /** What the one repair attempt changed; non-empty exactly when status is "repaired". */
  repairs: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.number(),
  elapsedMs: z.number(),
  ttftMs: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  completionTokens: z.number().nullable(),
  truncated: z.boolean(),
});
export type MemberResult = z.infer<typeof MemberResult>;

export const FieldAgreement = z.object({
  field: z.enum(ANALYSIS_FIELDS),
  /** 0–1: share of weight behind the merged value (scalars) or mean pairwise fuzzy overlap (lists). */
  agreement: z.number().min(0).max(1),
  merged: z.unknown(),
  /** Labels of members that disagreed with the merged value on this field. */
  dissenters: z.array(z.string()),
});
export type FieldAgreement = z.infer<typeof FieldAgreement>;

export const Disagreement = z.object({
  field: z.enum(ANALYSIS_FIELDS),
  /** "differs": a scalar value other than the merged one; "only": a list item too few members gave; "omitted": a merged item these members left out. */
  kind: z.enum(["differs", "only", "omitted"]),
  value: z.string(),
  members: z.array(z.string()),
});
export type Disagreement = z.infer<typeof Disagreement>;

export const Consensus = z.object({
  /** "single-source": fewer than two valid answers (low confidence); "none": no valid answer at all. */
  mode: z.enum(["consensus", "single-source", "none"]),
  confidence: z.number().min(0).max(1),
  merged: TaskAnalysis.nullable(),
  fields: z.array(FieldAgreement),
  disagreements: z.array(Disagreement),
  /** Labels of the members whose answers were used. */
  sources: z.array(z.string()),
  weights: z.record(z.string(), z.number()),
  note: z.string().optional(),
});
export type Consensus = z.infer<typeof Consensus>;

export const CodeBleuPart = z.enum(["ngram", "weighted", "ast", "dataflow"]);
export const CodeConsensus = z.object({
  language: z.string().nullable(),
  labels: z.array(z.string()),
  /** matrix[i][j] = CodeBLEU of candidate i against candidate j as the reference; the diagonal is 1. */
  matrix: z.array(z.array(z.number())),
  /** Mean score of each candidate against all others. */
  meanScores: z.array(z.number()),
  /** Index of the medoid (highest mean score); -1 without candidates. */
  winner: z.number().int(),
  weights: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Components that took part (AST / data-flow drop out when the language cannot be parsed); weights are renormalised. */
  used: z.array(CodeBleuPart),
});
export type CodeConsensus = z.infer<typeof CodeConsensus>;

export const Persona = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  instructions: z.string(),
  /** Preferred model (substring of a model id). */
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type Persona = z.infer<typeof Persona>;

export const DebateTurn = z.object({
  round: z.number().int().min(1),
  agent: z.string(),
  modelId: z.string(),
  status: z.enum(["ok", "timeout", "error", "cancelled"]),
  content: z.string(),
  error: z.string().optional(),
  elapsedMs: z.number(),
});
export type DebateTurn = z.infer<typeof DebateTurn>;

export const Debate = z.object({ agents: z.array(z.string()), rounds: z.number().int(), turns: z.array(DebateTurn) });
export type Debate = z.infer<typeof Debate>;

export const PromptCut = z.object({ section: z.string(), tokensRemoved: z.number().int(), kept: z.enum(["partial", "none"]) });
export const GeneratedPrompt = z.object({
  text: z.string(),
  template: z.string(),
  /** The fallback template was used because consensus failed. */
  fallback: z.boolean(),
  tokens: z.number().int(),
  budget: z.number().int(),
  tokenizer: z.enum(["model", "estimate"]),
  /** Context trimmed to fit the budget, lowest priority first. */
  cut: z.array(PromptCut),
  /** Still over budget with all optional context removed. */
  overBudget: z.boolean(),
  copied: z.boolean(),
});
export type GeneratedPrompt = z.infer<typeof GeneratedPrompt>;

export const DebateOptions = z.object({
  /** A personas YAML file; defaults to config `ensemble.personasFile`, then the shipped resources/personas.yaml. */
  personasFile: z.string().optional(),
  /** Persona ids taking part. Defaults to architect, coder, tester, reviewer. */
  agents: z.array(z.string()).optional(),
  /** Defaults to config `ensemble.debateRounds`. */
  rounds: z.number().int().min(1).max(10).optional(),
  /** Seconds per turn; defaults to config `ensemble.turnTimeoutSec`. */
  timeoutPerTurnSec: z.number().positive().optional(),
});

export const EnsembleRunInput = z.object({
  prompt: z.string().min(1),
  /** "code": members answer with code, compared by CodeBLEU. Defaults to "analysis". */
  mode: z.enum(["analysis", "code"]).optional(),
  /** Explicit members (model ids or substrings); overrides the selector policy. */
  models: z.array(z.string()).optional(),
  samplesPerModel: z.number().int().min(1).max(16).optional(),
  quorum: z.number().int().min(0).optional(),
  memberTimeoutSec: z.number().positive().optional(),
  /** Language of the code in `code` mode (python, typescript…). */
  language: z.string().optional(),
  /** Project folder for repo-map and rules context. */
  projectDir: z.string().optional(),
  debate: DebateOptions.optional(),
  promptTokenBudget: z.number().int().min(64).optional(),
  /** Model whose tokenizer counts the prompt budget, when the gateway can tokenize for it; else an estimate. */
  targetModel: z.string().optional(),
  /** Put the prompt on the clipboard and announce it. Defaults to config `ui.copyPrompts` (off). */
  copy: z.boolean().optional(),
});
export type EnsembleRunInput = z.input<typeof EnsembleRunInput>;

export const EnsembleRunResult = z.object({
  task: z.string(),
  members: z.array(MemberResult),
  consensus: Consensus,
  code: CodeConsensus.optional(),
  debate: Debate.optional(),
  prompt: GeneratedPrompt,
  wallMs: z.number(),
  /** Set when a quorum let the run proceed before every member finished. */
  quorumReached: z.boolean(),
  /** How the selector chose the members, and why. */
  selection: SelectionDecision.optional(),
});
export type EnsembleRunResult = z.infer<typeof EnsembleRunResult>;

/** Payloads of the run's `data` events, by channel. */
export const ensembleDataChannels = {
  members: z.object({ members: z.array(MemberSpec) }),
  /** The selector's decision with its inputs and reason. */
  selection: SelectionDecision,
  memberStart: z.object({ memberId: z.string(), startedAt: z.number() }),
  token: z.object({ memberId: z.string(), text: z.string() }),
  member: MemberResult,
  turn: DebateTurn,
  consensus: Consensus,
  code: CodeConsensus,
  prompt: GeneratedPrompt,
} as const;

export const ensembleMethods = {
  "ensemble.members": method(
    z.object({ models: z.array(z.string()).optional(), samplesPerModel: z.number().int().min(1).max(16).optional() }),
    z.object({ members: z.array(MemberSpec), policy: z.string(), notes: z.array(z.string()), decision: SelectionDecision.optional() }),
    "The members a run would use now (selector policy, allowlist, FORCE_MODEL).",
  ),
  "ensemble.personas": method(
    z.object({ file: z.string().optional() }),
    z.object({ file: z.string(), personas: z.array(Persona) }),
    "Debate personas from a YAML file (default: the shipped set).",
  ),
  "ensemble.codebleu": method(
    z.object({
      candidates: z.array(z.object({ label: z.string().optional(), code: z.string() })).min(1).max(32),
      language: z.string().optional(),
    }),
    CodeConsensus,
    "CodeBLEU matrix and medoid over code candidates.",
  ),
  "ensemble.cancelMember": method(
    z.object({ runId: z.string(), memberId: z.string() }),
    z.object({ cancelled: z.boolean() }),
    "Cancel one member of a running ensemble; the run goes on without it.",
  ),
  "ensemble.copyPrompt": method(z.object({ text: z.string() }), z.object({ copied: z.literal(true) }), "Put a prompt on the clipboard."),
  "ensemble.savePrompt": method(
    z.object({ text: z.string(), runId: z.string().optional() }),
    z.object({ path: z.string() }),
    "Write a prompt to a Markdown file in the data folder (to open in an editor).",
  ),
  "ensemble.transcript": method(z.object({ runId: z.string() }), z.object({ turns: z.array(DebateTurn) }), "A run's stored debate transcript."),
} as const;

export const ensembleTopics = {} as const;

export const ensembleRunKinds = {
  "ensemble.run": runKind(EnsembleRunInput, EnsembleRunResult, "Ensemble analysis (optionally after a persona debate) → consensus → Cursor prompt.", ensembleDataChannels),
} as const;
