import { z } from "zod";
import { method } from "./defineContract.js";

/** `interrupted`: the process running it died (kill -9, crash, power loss); a loop can be resumed. */
export const RunStatus = z.enum(["running", "succeeded", "failed", "cancelled", "interrupted"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunSummary = z.object({
  runId: z.string(),
  kind: z.string(),
  status: RunStatus,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  title: z.string().optional(),
  progress: z.number().min(0).max(1).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/**
 * Every event of a run travels on the `run.event` topic, keyed by runId. `at`: when it happened (ms since the epoch;
 * absent in run logs written before it was recorded).
 */
export const RunEvent = z.discriminatedUnion("type", [
  z.object({ runId: z.string(), seq: z.number(), at: z.number().optional(), type: z.literal("status"), status: RunStatus }),
  z.object({
    runId: z.string(),
    seq: z.number(),
    at: z.number().optional(),
    type: z.literal("progress"),
    fraction: z.number().min(0).max(1),
    message: z.string().optional(),
  }),
  z.object({
    runId: z.string(),
    seq: z.number(),
    at: z.number().optional(),
    type: z.literal("log"),
    level: z.enum(["debug", "info", "warn", "error"]),
    message: z.string(),
  }),
  /** Partial, kind-specific data (a token, a member's answer…). */
  z.object({ runId: z.string(), seq: z.number(), at: z.number().optional(), type: z.literal("data"), channel: z.string(), data: z.unknown() }),
  z.object({ runId: z.string(), seq: z.number(), at: z.number().optional(), type: z.literal("result"), result: z.unknown() }),
  z.object({
    runId: z.string(),
    seq: z.number(),
    at: z.number().optional(),
    type: z.literal("error"),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

export const runsMethods = {
  "runs.start": method(
    z.object({
      kind: z.string().min(1),
      input: z.unknown(),
      /** Keep running when the starting connection closes. Defaults to `false` (a short grace period lets a reloaded window re-attach). */
      detached: z.boolean().optional(),
    }),
    z.object({ runId: z.string() }),
    "Start long work; events arrive on run.event.",
  ),
  "runs.cancel": method(z.object({ runId: z.string() }), z.object({ cancelled: z.boolean() }), "Cancel a run."),
  "runs.get": method(
    z.object({ runId: z.string() }),
    z.object({ run: RunSummary, events: z.array(RunEvent), result: z.unknown().optional() }),
    "A run's summary, its events so far and its result.",
  ),
  "runs.attach": method(z.object({ runId: z.string() }), z.object({ run: RunSummary }), "Take ownership of a run (after a reload)."),
  "runs.list": method(
    z.object({ limit: z.number().int().min(1).max(500).optional(), kind: z.string().optional() }),
    z.object({ runs: z.array(RunSummary) }),
    "Recent runs, newest first.",
  ),
} as const;

export const runsTopics = {
  "run.event": RunEvent,
  "run.summary": RunSummary,
} as const;
