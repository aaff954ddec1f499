import { z } from "zod";

/** Config section `insight`: case bundles, run history retention, metrics. */
export const InsightSection = z
  .object({
    export: z
      .object({
        /** Where bundles are written; null: `<data dir>/exports` (env CODECONDUCTOR_EXPORT_DIR). */
        dir: z.string().nullable().default(null),
        /** Default privacy level (env CODECONDUCTOR_EXPORT_PRIVACY). Unknown values fall back to public_safe. */
        privacy: z.string().default("public_safe"),
        /** Bundles kept in the export folder; older ones are deleted (env CODECONDUCTOR_EXPORT_KEEP). */
        keep: z.number().int().min(1).max(10_000).default(20),
        /** Largest file put into a bundle, in bytes; longer files are cut and marked `_TRUNCATED`. */
        maxFileBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
      })
      .prefault({}),
    history: z
      .object({
        /** Finished runs kept in the history; 0 keeps all. Older runs are deleted at start. */
        keepRuns: z.number().int().min(0).default(0),
      })
      .prefault({}),
    metrics: z
      .object({
        /** Serve Prometheus `/metrics` in web mode (env CODECONDUCTOR_METRICS=1, or `serve --metrics`). */
        enabled: z.boolean().default(false),
      })
      .prefault({}),
  })
  .prefault({});
