import { z } from "zod";

/** Config section `server`. */
export const ServerSection = z
  .object({
    /** Web-mode port; 0 picks a free one. */
    port: z.number().int().min(0).max(65535).default(0),
  })
  .prefault({});
