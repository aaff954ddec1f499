import type { ErrorSignature } from "../../shared/contract/learning.js";
import type { TestRunResult } from "../../shared/contract/verify.js";
import type { EngineContext } from "../EngineContext.js";
import { uniformWeights, type MemberWeights } from "../ensemble/consensus/MemberWeights.js";
import type { Feature } from "../Feature.js";
import { runDemo } from "./demo/runDemo.js";
import { ppoDemoLearner } from "./demo/ppoDemoLearner.js";
import { failuresOf } from "./errors/ErrorMemory.js";
import type { Failure } from "./errors/failureSignature.js";
import { formatErrorMemory } from "./errors/formatErrorMemory.js";
import { exportPatterns, importPatterns } from "./library/importPatterns.js";
import { patternStats } from "./library/patternStats.js";
import { searchPatterns } from "./library/searchPatterns.js";
import { LearningService } from "./LearningService.js";
import { EmbeddingIndex } from "./retrieval/EmbeddingIndex.js";
import { similarSuccesses } from "./retrieval/similarSuccesses.js";
import type { LearnedSelector } from "./selectors/LearnedSelector.js";

/** The learning capability, plus what the ensemble and the conductor loop call directly. */
export interface LearningFeature extends Feature {
  /** Member selection for every policy (the ensemble calls it instead of selectMembers). */
  selector: LearnedSelector;
  /** Learned reputations for the consensus (uniform while learning is off). */
  weights: MemberWeights;
  /**
   * Known failure signatures among a test run's failures (a TestRunResult, or an attempt's `tests` with
   * `failing`), most frequent first, with the fixes that resolved them; `text` is ready for the fix prompt.
   */
  matchingErrors(tests: Pick<TestRunResult, "tests"> | { failing: Failure[] } | null): { entries: ErrorSignature[]; text: string };
  service: LearningService;
}

/**
 * Pattern library (FTS5), statistics, selectors (bandit, PPO), human feedback and the error memory. Every
 * attempt published on `conductor.attempt` is ingested as a pattern.
 */
export function createLearningFeature(ctx: EngineContext, wiring: { embed?: (modelId: string, texts: string[], signal?: AbortSignal) => Promise<{ modelId: string; vectors: number[][] }> } = {}): LearningFeature {
  const svc = new LearningService(ctx);
  const embeddingModel = ctx.config.learning.embeddingModel;
  const embeddings = embeddingModel && wiring.embed ? new EmbeddingIndex(ctx.db, (texts, signal) => wiring.embed!(embeddingModel, texts, signal), ctx.dbReadOnly) : undefined;
  const unsubscribe = ctx.bus.subscribe("conductor.attempt", undefined, (a) => {
    try {
      svc.ingest(a);
    } catch (e) {
      ctx.logger.error({ err: (e as Error).message, attempt: a.id }, "learning: could not save the attempt as a pattern");
    }
  });
  const learned = svc.arms.weights();
  const feature: LearningFeature = {
    service: svc,
    selector: svc.selector,
    weights: { weightOf: (m) => (svc.enabled ? learned.weightOf(m) : uniformWeights.weightOf(m)) },
    matchingErrors: (tests) => {
      const entries = svc.errors.matching(failuresOf(tests));
      return { entries, text: formatErrorMemory(entries) };
    },
    handlers: {
      "patterns.list": async (q) => searchPatterns(ctx.db, q),
      "patterns.get": async ({ id }) => svc.store.get(id),
      "patterns.delete": async ({ id }) => {
        const deleted = svc.store.delete(id);
        if (deleted) ctx.bus.publish("patterns.changed", { reason: "delete", ids: [id] });
        return { deleted };
      },
      "patterns.tag": async ({ id, add, remove }) => {
        const tags = svc.store.tag(id, add, remove);
        ctx.bus.publish("patterns.changed", { reason: "tag", ids: [id] });
        return { tags };
      },
      "patterns.export": async ({ ids }) => exportPatterns(svc.store, ids),
      "patterns.import": async ({ text }) => {
        const r = importPatterns(svc.store, text, ctx.config.learning.importMaxBytes);
        if (r.ids.length) ctx.bus.publish("patterns.changed", { reason: "import", ids: r.ids });
        return { imported: r.imported, duplicates: r.duplicates };
      },
      "patterns.stats": async () => patternStats(ctx.db),
      "patterns.similar": async ({ task, k, tokenBudget }, { signal }) =>
        similarSuccesses(ctx.db, task, k, tokenBudget, {
          embeddings,
          signal,
          onEmbeddingProblem: (message) => ctx.logger.warn({ model: embeddingModel, err: message }, "learning: embedding retrieval failed; BM25 only for this query"),
        }),
      "learn.feedback": async (input) => ({ updated: svc.feedback(input) }),
      "learn.status": async () => svc.status(),
      "learn.demo": async ({ policy, episodes, seed }) => {
        const { picks: _p, regretCurve: _r, ...result } = runDemo(policy ?? "bandit", episodes ?? 200, seed ?? 1, ppoDemoLearner);
        return result;
      },
      "learn.errors": async ({ limit }) => ({ errors: svc.errors.list(limit ?? 100) }),
    },
    runs: {
      "learn.train": async (input, run) => {
        run.setTitle("Train the PPO agent");
        const r = await svc.train({ timesteps: input.timesteps, seed: input.seed, signal: run.signal, onProgress: (p) => run.progress(p.fraction, p.message) });
        run.setTitle(`PPO trained: mean episode reward ${r.before.toFixed(3)} → ${r.after.toFixed(3)} (bandit ${r.bandit.toFixed(3)})`);
        return r;
      },
    },
    doctor: async () => {
      const s = svc.status();
      return [
        { id: "learning.enabled", title: "Learning", status: s.enabled ? "ok" : "skip", detail: s.enabled ? `selector ${s.policy}, ${s.patterns} patterns` : s.notes[0]! },
        ...(s.policy === "ppo" && !s.ppo.trained ? [{ id: "learning.ppo", title: "PPO policy", status: "warn" as const, detail: s.ppo.problem ?? "not trained", fix: "Run `codeconductor learn train`." }] : []),
      ];
    },
    dispose: () => unsubscribe(),
  };
  return feature;
}
