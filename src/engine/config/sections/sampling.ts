import { z } from "zod";

/** Config section `sampling` (owned by the models capability). */
export const SamplingSection = z
  .object({
    /** Env CC_TEMP. Range 0–2. */
    temperature: z.number().min(0).max(2).default(0.2),
    /** Env CC_TOP_P. Range 0–1. */
    topP: z.number().gt(0).max(1).default(0.95),
    /** Env MAX_TOKENS. */
    maxTokens: z.number().int().min(1).max(131072).default(1024),
  })
  .prefault({});
