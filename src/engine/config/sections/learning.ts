import { z } from "zod";

/** Config section `learning` (owned by the learning capability, docs/learning.md). */
export const LearningSection = z
  .object({
    /** Learn from rewards: posteriors, PPO, reputations (env RLHF_DISABLE=1 turns it off). */
    enabled: z.boolean().default(true),
    /**
     * Bandit discount per new observation of a task type, in (0, 1]: older evidence of every arm of that task
     * type is multiplied by it, so the bandit adapts when models change. Defaults to `1` (no discount).
     */
    discount: z.number().gt(0).max(1).default(1),
    /**
     * Embedding retrieval of similar past solutions: an embedded GGUF model (its id, or part of it as everywhere,
     * e.g. "nomic-embed"). Unset: BM25 (FTS5) only. With it, the lexical and the embedding rankings are fused.
     */
    embeddingModel: z.string().min(1).nullable().default(null),
    /** Largest pattern export file accepted by import, in bytes. Defaults to 50 MiB. */
    importMaxBytes: z.number().int().min(1024).default(50 * 1024 * 1024),
  })
  .prefault({});
