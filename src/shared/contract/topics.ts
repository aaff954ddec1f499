import type { z } from "zod";
import { conductorTopics } from "./conductor.js";
import { ensembleTopics } from "./ensemble.js";
import { learningTopics } from "./learning.js";
import { modelsTopics } from "./models.js";
import { projectTopics } from "./project.js";
import { runsTopics } from "./runs.js";
import { systemTopics } from "./system.js";
import { verifyTopics } from "./verify.js";

/** Every event stream: topic name → payload schema. */
export const topics = {
  ...systemTopics,
  ...runsTopics,
  ...modelsTopics,
  ...projectTopics,
  ...ensembleTopics,
  ...verifyTopics,
  ...conductorTopics,
  ...learningTopics,
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]>;

export function isTopicName(name: string): name is TopicName {
  return Object.prototype.hasOwnProperty.call(topics, name);
}
