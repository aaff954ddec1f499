import type { TaskType } from "../../../shared/contract/learning.js";
import type { ModelInfo } from "../../inference/types.js";
import type { ArmStore } from "../bandit/ArmStore.js";
import { PPO_ACTIONS, type PpoAgent } from "../ppo/PpoAgent.js";
import { rankByMean, type Ranked } from "./rankBandit.js";

/** What the agent observes before choosing: the task type's history and the task's size. */
export interface PpoContext {
  /** Mean test reward of recent attempts of this task type, in [0, 1]. */
  testReward: number;
  /** 1 − validation errors per file, in [0, 1]. */
  codeQuality: number;
  /** Mean thumbs of this task type, in [−1, 1]. */
  userFeedback: number;
  task: string;
}

/** Task complexity in [0, 1]: log of the word count, 400 words and more count as 1. */
export function taskComplexity(task: string): number {
  const words = task.split(/\s+/).filter(Boolean).length;
  return Math.min(1, Math.log1p(words) / Math.log1p(400));
}

const size = (m: ModelInfo): number => m.parameterCount ?? m.sizeBytes ?? 0;

/**
 * The agent's action mapped onto models: A and B are the two best by posterior mean, `escalate` the
 * largest model, `retry_with_fix` keeps A (the loop sends a fix prompt). The chosen model ranks first.
 */
export function rankPpo(models: ModelInfo[], taskType: TaskType, arms: ArmStore, agent: PpoAgent, c: PpoContext): { ranked: Ranked[]; action: string; reason: string } {
  const byMean = rankByMean(models, taskType, arms);
  const obs = [c.testReward, c.codeQuality, c.userFeedback, taskComplexity(c.task)];
  const { action, probs } = agent.greedy(obs);
  const name = PPO_ACTIONS[action]!;
  const largest = [...models].sort((a, b) => size(b) - size(a))[0];
  const first = name === "use_model_B" ? (byMean[1] ?? byMean[0]) : name === "escalate" ? byMean.find((r) => r.model === largest) : byMean[0];
  const ranked = first ? [first, ...byMean.filter((r) => r !== first)] : byMean;
  const p = PPO_ACTIONS.map((a, i) => `${a} ${probs[i]!.toFixed(2)}`).join(", ");
  return { ranked, action: name, reason: `PPO chose ${name} on [test_reward ${obs[0]!.toFixed(2)}, code_quality ${obs[1]!.toFixed(2)}, user_feedback ${obs[2]!.toFixed(2)}, task_complexity ${obs[3]!.toFixed(2)}] (${p})` };
}
