import type { TaskType } from "../../../shared/contract/learning.js";
import type { ModelInfo } from "../../inference/types.js";
import type { ArmStore } from "../bandit/ArmStore.js";
import { armMean, armSd } from "../bandit/BetaArm.js";
import type { Rng } from "../Rng.js";

export interface Ranked {
  model: ModelInfo;
  score: number | null;
  detail: string;
}

/** Thompson sampling: one draw from each model's Beta posterior for this task type, best draw first. */
export function rankBandit(models: ModelInfo[], taskType: TaskType, arms: ArmStore, rng: Rng): Ranked[] {
  return models
    .map((model) => {
      const a = arms.get(taskType, model.id);
      const draw = rng.beta(a.alpha, a.beta);
      return { model, score: draw, detail: `draw ${draw.toFixed(3)} from Beta(${a.alpha.toFixed(1)}, ${a.beta.toFixed(1)}), mean ${armMean(a).toFixed(2)} ± ${armSd(a).toFixed(2)}, n ${a.n.toFixed(1)}` };
    })
    .sort((x, y) => y.score - x.score);
}

/** Models by posterior mean for this task type, best first (no sampling). */
export function rankByMean(models: ModelInfo[], taskType: TaskType, arms: ArmStore): Ranked[] {
  return models
    .map((model) => {
      const a = arms.get(taskType, model.id);
      return { model, score: armMean(a), detail: `mean ${armMean(a).toFixed(2)} ± ${armSd(a).toFixed(2)}, n ${a.n.toFixed(1)}` };
    })
    .sort((x, y) => (y.score ?? 0) - (x.score ?? 0));
}
