import { z } from "zod";

/** Config section `project` (owned by the project capability). */
export const ProjectSection = z
  .object({
    /** Files larger than this are not parsed (bytes). */
    maxFileBytes: z.number().int().min(1024).default(1_000_000),
  })
  .prefault({});
