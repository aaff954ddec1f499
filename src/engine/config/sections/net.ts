import { z } from "zod";

/** Config section `net`. */
export const NetSection = z
  .object({
    /** Allow traffic to non-loopback hosts (env ALLOW_NET=1). Off: private by default. */
    allowNet: z.boolean().default(false),
  })
  .prefault({});
