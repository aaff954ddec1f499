import { z } from "zod";

/** Config section `verify` (owned by the verify capability): validation rules and apply policy. */
export const VerifySection = z
  .object({
    /** Apply without review. Off by default: every file is shown as a diff first. */
    autoApprove: z.boolean().default(false),
    /** Lines longer than this are a compliance warning; 0 turns the rule off. Defaults to `120`. */
    maxLineLength: z.number().int().min(0).default(120),
    /** Python functions must annotate parameters and return type. Defaults to `false`. */
    requireTypeHints: z.boolean().default(false),
    /** Public Python functions/classes need docstrings, exported TS/JS functions JSDoc. Defaults to `false`. */
    requireDocstrings: z.boolean().default(false),
    /** Check naming conventions (snake_case / camelCase functions, PascalCase classes). Defaults to `true`. */
    naming: z.boolean().default(true),
    /** Identifiers or call patterns (regular expressions) that must not appear, e.g. `"console\\.log"`. */
    forbiddenApis: z.array(z.string()).default([]),
    /** Run the language's own checker (python compile, tsc --noEmit in the sandbox) when present. Defaults to `true`. */
    languageCheckers: z.boolean().default(true),
    /** Most files one answer may propose; a larger answer is refused before anything is written. Defaults to `200`. */
    maxFilesPerAnswer: z.number().int().min(1).max(10_000).default(200),
    /** Extra deny-list globs (gitignore syntax) that need a separate confirmation to write. */
    protectedGlobs: z.array(z.string()).default([]),
  })
  .prefault({});
