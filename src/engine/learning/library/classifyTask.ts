import type { TaskType } from "../../../shared/contract/learning.js";

const RULES: Array<[TaskType, RegExp]> = [
  ["bugfix", /\b(fix|bug|broken|crash|error|fails?|failing|wrong|regression|exception|issue)\b/i],
  ["test", /\b(tests?|unit ?tests?|coverage|spec|pytest|vitest|jest)\b/i],
  ["refactor", /\b(refactor|rename|extract|clean ?up|simplify|restructure|move)\b/i],
  ["docs", /\b(docs?|documentation|readme|docstring|comment)\b/i],
  ["feature", /\b(add|implement|create|build|support|new|write|make|generate)\b/i],
];

/** Coarse task type from the task's words (first matching rule wins; `other` when none does). */
export function classifyTask(task: string): TaskType {
  for (const [type, re] of RULES) if (re.test(task)) return type;
  return "other";
}
