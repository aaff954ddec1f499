import { z } from "zod";
import { method } from "./defineContract.js";
import { RunEvent, RunStatus, RunSummary } from "./runs.js";
import { DoctorCheck } from "./system.js";

// Contract of the insight capability: run history and replay, KPIs, case bundles (export / import), metrics.

export const KPI_SCHEMA_ID = "codeconductor.kpi/1";
export const MANIFEST_SCHEMA_ID = "codeconductor.case-manifest/1";

/** Latency figures of one model over the calls a run (or a period) made to it. Milliseconds. */
export const ModelLatency = z.object({
  model: z.string(),
  calls: z.number().int().min(0),
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
  ttft_p50_ms: z.number().nullable(),
  tokens_per_s: z.number().nullable(),
});
export type ModelLatency = z.infer<typeof ModelLatency>;

/**
 * KPIs of one run, the kpi.json of a case bundle. Figures a run kind does not produce are null.
 * Times come from the engine's monotonic measurements (performance.now deltas) as recorded in the run.
 */
export const RunKpis = z.object({
  schema: z.literal(KPI_SCHEMA_ID),
  run_id: z.string(),
  kind: z.string(),
  status: RunStatus,
  started_at: z.string(),
  ended_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  /** Fastest first token among the run's model calls. */
  ttft_ms: z.number().nullable(),
  /** Mean generation speed over the run's model calls (tokens / s). */
  tokens_per_s: z.number().nullable(),
  latency_by_model: z.array(ModelLatency),
  /** Whether the first tested attempt went green. */
  first_prompt_success: z.boolean().nullable(),
  /** Pass rate (0–1) of the first and the last test run of the run. */
  pass_rate_before: z.number().nullable(),
  pass_rate_after: z.number().nullable(),
  /** Iteration of the first green attempt. */
  iterations_to_green: z.number().int().nullable(),
  iterations: z.number().int().nullable(),
  reward: z.number().nullable(),
  winner: z.object({ model: z.string(), score: z.number().nullable() }).nullable(),
  /** consensus | single-source | none (analysis), codebleu-medoid (code), tests (ranked by tests). */
  consensus_method: z.string().nullable(),
  consensus_confidence: z.number().nullable(),
  codebleu: z.object({ weights: z.array(z.number()), used: z.array(z.string()), winner_mean: z.number().nullable() }).nullable(),
  sampling: z.object({ temperature: z.number().nullable(), top_p: z.number().nullable(), max_tokens: z.number().nullable() }),
  selector: z.object({ policy: z.string(), decision: z.array(z.string()) }),
  /** sha256 over the key settings (backends, allow-net, codebleu, selector, export settings). */
  config_digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RunKpis = z.infer<typeof RunKpis>;

/** KPIs over a period: per run, per model, totals. */
export const KpiReport = z.object({
  since: z.string().nullable(),
  runs: z.array(RunKpis),
  models: z.array(ModelLatency),
  totals: z.object({
    runs: z.number().int(),
    first_prompt_success: z.number().nullable(),
    pass_rate_after: z.number().nullable(),
    mean_iterations_to_green: z.number().nullable(),
    mean_reward: z.number().nullable(),
  }),
  config_digest: z.string(),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** One line of a run's timeline, built from its event log plus the applies and undos it caused. */
export const TimelineEntry = z.object({
  seq: z.number(),
  at: z.number().nullable(),
  kind: z.enum(["status", "progress", "log", "stage", "prompt", "answer", "candidate", "approval", "apply", "undo", "tests", "reward", "result", "error", "data"]),
  title: z.string(),
  detail: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ApplyEntry = z.object({ applyId: z.string(), project: z.string(), files: z.array(z.string()), createdAt: z.number(), undoneAt: z.number().nullable() });
export type ApplyEntry = z.infer<typeof ApplyEntry>;

export const RunDetail = z.object({
  run: RunSummary,
  input: z.unknown(),
  result: z.unknown().optional(),
  events: z.array(RunEvent),
  timeline: z.array(TimelineEntry),
  applies: z.array(ApplyEntry),
  kpis: RunKpis,
  /** Set when the run comes from an imported case (read-only). */
  caseId: z.string().optional(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const Privacy = z.enum(["public_safe", "team_safe", "full_internal"]);
export type Privacy = z.infer<typeof Privacy>;

export const ManifestFile = z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string(), truncated: z.boolean() });

/** manifest.json of a case bundle. Carries no timestamps of the export itself, so exports are reproducible. */
export const CaseManifest = z.object({
  schema: z.literal(MANIFEST_SCHEMA_ID),
  app_version: z.string(),
  run_id: z.string(),
  kind: z.string(),
  status: RunStatus,
  privacy: Privacy,
  include_raw: z.boolean(),
  schemas: z.object({ kpi: z.string(), manifest: z.string() }),
  bundle_truncated: z.boolean(),
  /** How many values the redaction replaced, by rule. */
  redactions: z.record(z.string(), z.number().int()),
  warnings: z.array(z.string()),
  files: z.array(ManifestFile),
});
export type CaseManifest = z.infer<typeof CaseManifest>;

export const ConsensusFile = z.object({
  method: z.string().nullable(),
  confidence: z.number().nullable(),
  sources: z.array(z.string()),
  winner: z.object({ model: z.string(), score: z.number().nullable() }).nullable(),
  disagreements: z.array(z.object({ field: z.string(), kind: z.string(), value: z.string(), members: z.array(z.string()) })),
});
export const SelectorDecisionFile = z.object({ policy: z.string(), decision: z.array(z.string()), reason: z.string().nullable(), source: z.enum(["run", "config"]) });

export const ExportInput = z.object({
  runId: z.string().optional(),
  /** Export the newest run when no runId is given. */
  latest: z.boolean().optional(),
  /** Unknown values fall back to public_safe with a manifest warning. Defaults to config `insight.export.privacy`. */
  privacy: z.string().optional(),
  includeRaw: z.boolean().optional(),
  /** Redact the values of secret environment variables wherever they appear. Defaults to `true`. */
  redactEnv: z.boolean().optional(),
  /** Defaults to `<dataDir>/exports` (config `insight.export.dir`, env CODECONDUCTOR_EXPORT_DIR). */
  outDir: z.string().optional(),
});
export const ExportResult = z.object({
  path: z.string(),
  sha256: z.string(),
  privacy: Privacy,
  files: z.array(z.string()),
  /** The finished zip was re-scanned and nothing secret-shaped was found. */
  verified: z.literal(true),
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ImportedCase = z.object({ caseId: z.string(), dir: z.string(), runId: z.string(), kind: z.string(), privacy: Privacy, importedAt: z.number() });
export type ImportedCase = z.infer<typeof ImportedCase>;

export const HistoryRun = RunSummary.extend({ project: z.string().nullable() });
export type HistoryRun = z.infer<typeof HistoryRun>;

export const insightMethods = {
  "insight.runs": method(
    z.object({
      kind: z.string().optional(),
      status: RunStatus.optional(),
      /** Substring of the run's project folder. */
      project: z.string().optional(),
      /** Started at or after / before (ms epoch). */
      since: z.number().optional(),
      until: z.number().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.object({ runs: z.array(HistoryRun), kinds: z.array(z.string()), keepRuns: z.number().int(), keepExports: z.number().int() }),
    "Stored runs for the history, filtered, newest first, with the retention settings in force.",
  ),
  "insight.runShow": method(z.object({ runId: z.string().min(1) }), RunDetail, "A run with its timeline, applies/undos and KPIs."),
  "insight.kpis": method(
    z.object({ since: z.number().optional(), kind: z.string().optional(), limit: z.number().int().min(1).max(5000).optional() }),
    KpiReport,
    "KPIs per run and per model since a date (ms epoch).",
  ),
  "insight.deleteRun": method(z.object({ runId: z.string().min(1) }), z.object({ deleted: z.boolean() }), "Delete a finished run and its events."),
  "insight.export": method(ExportInput, ExportResult, "Write a redacted, deterministic case bundle (zip) of a run; re-scanned before it is kept."),
  "insight.exports": method(z.object({}).strict(), z.object({ dir: z.string(), files: z.array(z.object({ path: z.string(), bytes: z.number().int(), mtime: z.number() })) }), "Bundles in the export folder, newest first."),
  "insight.clearExports": method(z.object({}).strict(), z.object({ removed: z.number().int() }), "Delete every bundle in the export folder."),
  "insight.openExportsFolder": method(
    z.object({}).strict(),
    z.object({ dir: z.string(), opened: z.boolean(), reason: z.string().optional() }),
    "Show the export folder in the OS file manager (created if missing).",
  ),
  "insight.importCase": method(z.object({ file: z.string().min(1) }), ImportedCase, "Validate a case bundle and unpack it for read-only viewing."),
  "insight.cases": method(z.object({}).strict(), z.object({ cases: z.array(ImportedCase) }), "Imported cases, newest first."),
  "insight.doctorCursor": method(
    z.object({ project: z.string().optional() }),
    z.object({ checks: z.array(DoctorCheck) }),
    "Cursor workflow checks: cursor-agent on PATH and its version, the project's rule files, clipboard watching and hotkeys.",
  ),
  "insight.openCase": method(z.object({ caseId: z.string().min(1) }), RunDetail, "An imported case as a read-only run."),
} as const;
