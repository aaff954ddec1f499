import { randomInt, randomUUID } from "node:crypto";
import type { SelectionDecision, TaskType } from "../../../shared/contract/learning.js";
import type { Config } from "../../config/ConfigSchema.js";
import type { ModelInfo } from "../../inference/types.js";
import { selectMembers, type SelectOverrides, type Selection } from "../../ensemble/selection/selectMembers.js";
import type { ArmStore } from "../bandit/ArmStore.js";
import { classifyTask } from "../library/classifyTask.js";
import type { LoadedPolicy } from "../ppo/policyFile.js";
import { Rng } from "../Rng.js";
import { rankBandit, type Ranked } from "./rankBandit.js";
import { rankPpo, type PpoContext } from "./rankPpo.js";

export interface LearnedSelectorDeps {
  arms: ArmStore;
  /** The saved PPO policy (cached by the caller). */
  policy: () => LoadedPolicy;
  /** What the PPO agent observes for a task type. */
  context: (taskType: TaskType) => Omit<PpoContext, "task">;
  /** Called with every decision (log, bus, decision table). */
  record: (d: SelectionDecision) => void;
}

export type LearnedSelection = Selection & { decision: SelectionDecision };

/**
 * One interface for every selector policy (config models.selectorPolicy / SELECTOR_POLICY): `fixed`
 * (WINNER_MODEL first), `all`, `latency`, `bandit`, `ppo`. The learned policies only rank the models;
 * selectMembers then applies the allowlist, MAX_PARALLEL_MODELS and samples, as for every policy.
 */
export class LearnedSelector {
  constructor(private readonly deps: LearnedSelectorDeps) {}

  select(models: ModelInfo[], cfg: Config, overrides: SelectOverrides, context: { task?: string; runId?: string } = {}): LearnedSelection {
    const task = context.task ?? "";
    const taskType = classifyTask(task);
    const requested = cfg.models.selectorPolicy;
    const learned = !overrides.models?.length && !cfg.models.forceModel && (requested === "bandit" || requested === "ppo");
    let reason = "";
    let action: string | null = null;
    let ranked: Ranked[] | null = null;
    let policy: string = requested;
    let useCfg = cfg;
    if (learned) {
      const usable = models.filter((m) => m.status !== "unavailable");
      if (requested === "ppo") {
        const loaded = cfg.learning.enabled ? this.deps.policy() : ({ ok: false, reason: "learning is off (RLHF_DISABLE=1 or learning.enabled=false)" } as const);
        if (loaded.ok) {
          const r = rankPpo(usable, taskType, this.deps.arms, loaded.agent, { ...this.deps.context(taskType), task });
          ({ ranked, action, reason } = r);
        } else reason = `PPO unavailable: ${loaded.reason}; using the bandit. `;
      }
      if (!ranked) {
        policy = "bandit";
        ranked = rankBandit(usable, taskType, this.deps.arms, new Rng(randomInt(2 ** 31)));
        reason += `Thompson sampling for ${taskType} tasks: ${ranked[0] ? `${ranked[0].model.id} drew highest` : "no model"}`;
      } else policy = "ppo";
      useCfg = { ...cfg, models: { ...cfg.models, selectorPolicy: "all" } };
    } else if (requested === "fixed" && cfg.models.winnerModel && !overrides.models?.length && !cfg.models.forceModel) {
      useCfg = { ...cfg, ensemble: { ...cfg.ensemble, fixedMembers: [cfg.models.winnerModel, ...cfg.ensemble.fixedMembers.filter((m) => m !== cfg.models.winnerModel)] } };
      reason = `fixed members with WINNER_MODEL ${cfg.models.winnerModel} first`;
    }
    const ordered = ranked ? [...ranked.map((r) => r.model), ...models.filter((m) => !ranked!.some((r) => r.model === m))] : models;
    const sel = selectMembers(ordered, useCfg, overrides);
    const chosen = [...new Set(sel.members.map((m) => m.modelId))];
    if (!learned) policy = sel.policy;
    if (!reason) reason = `${sel.policy} policy`;
    const decision: SelectionDecision = {
      id: randomUUID(),
      at: Date.now(),
      policy,
      requested,
      taskType,
      ranking: (ranked ?? ordered.map((m) => ({ model: m, score: null, detail: "" }))).map((r) => ({ model: r.model.id, score: r.score, detail: r.detail })),
      chosen,
      action,
      reason: `${reason} → ${chosen.join(", ")}`,
      runId: context.runId ?? null,
    };
    this.deps.record(decision);
    return { ...sel, policy, notes: [...sel.notes, `selector: ${decision.reason}`], decision };
  }
}
