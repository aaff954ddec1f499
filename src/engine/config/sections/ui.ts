import { z } from "zod";

/** Config section `ui`. */
export const UiSection = z
  .object({
    /** Put each generated prompt on the clipboard as soon as a run ends (off: only the Copy button or `run --copy`). */
    copyPrompts: z.boolean().default(false),
  })
  .prefault({});
