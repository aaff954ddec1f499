import { z } from "zod";

/** Config section `sandbox` (owned by the verify capability). */
export const SandboxSection = z
  .object({
    /** Run tests in a scratch copy instead of the project itself. */
    scratchCopy: z.boolean().default(false),
    timeoutSec: z.number().positive().default(300),
    memoryMiB: z.number().int().min(64).default(2048),
    maxProcesses: z.number().int().min(8).default(256),
    outputCapKiB: z.number().int().min(16).default(1024),
  })
  .prefault({});
