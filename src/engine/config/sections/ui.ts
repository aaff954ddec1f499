import { z } from "zod";

/** Config section `ui`. */
export const UiSection = z
  .object({
    /** Approve applies without review (off by default). */
    autoApprove: z.boolean().default(false),
  })
  .prefault({});
