import { createHash, randomUUID } from "node:crypto";
import type { AttemptRecord } from "../../../shared/contract/conductor.js";
import type { Pattern } from "../../../shared/contract/learning.js";
import { classifyTask } from "./classifyTask.js";

/** sha256 over what makes a solution distinct: task, answer and the file changes (whitespace-trimmed). */
export function contentHash(p: Pick<Pattern, "task" | "answer" | "files">): string {
  const h = createHash("sha256");
  h.update(p.task.trim());
  h.update("\0");
  h.update(p.answer.trim());
  for (const f of p.files) h.update(`\0${f.path}\0${f.action}\0${f.diff.trim()}`);
  return h.digest("hex");
}

/** A finished attempt of the conductor loop as a pattern of the library. */
export function patternFromAttempt(a: AttemptRecord, sampling: Pattern["sampling"], now = Date.now()): Pattern {
  const base = { task: a.task, answer: a.answer, files: a.files };
  return {
    id: a.id || randomUUID(),
    contentHash: contentHash(base),
    ...base,
    taskType: classifyTask(a.task),
    project: a.project,
    prompt: a.prompt,
    validation: { errors: a.validation.errors, warnings: a.validation.warnings, securityHigh: a.validation.securityHigh, securityMedium: a.validation.securityMedium },
    tests: a.tests,
    reward: a.reward?.reward ?? null,
    rewardComponents: a.reward,
    passed: a.passed,
    models: a.models,
    personas: a.personas,
    sampling,
    timings: a.timings,
    iteration: a.iteration,
    runId: a.runId,
    promptId: a.promptId,
    feedback: { thumbs: null, note: "" },
    tags: [],
    createdAt: a.endedAt || now,
    updatedAt: now,
  };
}
