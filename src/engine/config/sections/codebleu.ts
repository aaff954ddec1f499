import { z } from "zod";

/** Config section `codebleu` (owned by the ensemble capability). */
export const CodebleuSection = z
  .object({
    /** n-gram, weighted n-gram, AST, data-flow (env CODEBLEU_WEIGHTS "a,b,c,d"). */
    weights: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)]).default([0.25, 0.25, 0.25, 0.25]),
    normalize: z.boolean().default(true),
    stripComments: z.boolean().default(false),
    stripDocstrings: z.boolean().default(false),
  })
  .prefault({});
