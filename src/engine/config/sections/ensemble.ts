import { z } from "zod";

/** Config section `ensemble` (owned by the ensemble capability). */
export const EnsembleSection = z
  .object({
    /** Answers needed before proceeding early; 0 = wait for all members. */
    quorum: z.number().int().min(0).default(0),
    /** Per-member budget in seconds. */
    memberTimeoutSec: z.number().positive().default(120),
    /** Members for the `fixed` policy (model ids). */
    fixedMembers: z.array(z.string()).default([]),
    /** Prompt token budget for generated Cursor prompts. */
    promptTokenBudget: z.number().int().min(256).default(6000),
  })
  .prefault({});
