import { z } from "zod";

/** Config section `project` (owned by the project capability). */
export const ProjectSection = z
  .object({
    /** Files larger than this are listed but not read or parsed (bytes). */
    maxFileBytes: z.number().int().min(1024).default(1_000_000),
    /** Token budget of the repo map text (≈ 4 characters per token). */
    mapTokens: z.number().int().min(64).max(200_000).default(2048),
    /** Follow symlinks that point outside the project (each target once; loops are cut). */
    followSymlinks: z.boolean().default(false),
    /** Parser threads for big cold scans, the engine thread included: 0 = automatic (one per core, at most 8), 1 = never start worker threads. */
    workers: z.number().int().min(0).max(32).default(0),
    /** Template for `propose`; null = the shipped resources/templates/next_feature.md. */
    proposeTemplate: z.string().nullable().default(null),
  })
  .prefault({});
