import { z } from "zod";

/** Config section `learning`. */
export const LearningSection = z
  .object({
    /** Learn from rewards (env RLHF_DISABLE=1 turns it off). */
    enabled: z.boolean().default(true),
  })
  .prefault({});
