import { z } from "zod";

/** Config section `ensemble` (owned by the ensemble capability). */
export const EnsembleSection = z
  .object({
    /**
     * Distinct models a run asks (env ENSEMBLE_SIZE); fewer when fewer are usable; 0 = every usable model.
     * Odd sizes let a majority decide. How many generate at once is `models.maxParallel`.
     */
    size: z.number().int().min(0).max(32).default(3),
    /** Valid answers needed before proceeding early (stragglers are skipped); 0 = wait for all members. */
    quorum: z.number().int().min(0).default(0),
    /** Per-member budget in seconds. */
    memberTimeoutSec: z.number().positive().default(120),
    /** Members for the `fixed` policy (model ids, or substrings of them). */
    fixedMembers: z.array(z.string()).default([]),
    /** How often each selected model is sampled (each sample gets its own seed). Range 1–16. */
    samplesPerModel: z.number().int().min(1).max(16).default(1),
    /** Seed of the first sample; later samples of the same model add 1 each. */
    baseSeed: z.number().int().min(0).default(42),
    /** Prompt token budget for generated Cursor prompts. */
    promptTokenBudget: z.number().int().min(256).default(6000),
    /** Longest string the generation schema allows per analysis field, in characters (bounds grammar output). */
    maxStringChars: z.number().int().min(4).max(4000).default(300),
    /** Most items the generation schema allows per analysis list. */
    maxListItems: z.number().int().min(1).max(50).default(10),
    /** Extra personas YAML merged over the shipped resources/personas.yaml; null = shipped only. */
    personasFile: z.string().nullable().default(null),
    /** Debate rounds when none are given. Range 1–10. */
    debateRounds: z.number().int().min(1).max(10).default(2),
    /** Per-turn debate budget in seconds. */
    turnTimeoutSec: z.number().positive().default(60),
    /** Most tokens one debate turn may generate (turns are asked to stay under 120 words). */
    turnMaxTokens: z.number().int().min(16).max(8192).default(300),
  })
  .prefault({});
