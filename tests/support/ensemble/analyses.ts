import type { TaskAnalysis } from "../../../src/shared/contract/ensemble.js";

const base: TaskAnalysis = {
  approach: "x",
  requirements: [],
  files: [],
  dependencies: [],
  constraints: [],
  risks: [],
  complexity: 3,
  test_plan: [],
};

/**
 * Three scripted answers whose consensus is derived by hand in buildConsensus.test.ts: confidence 0.75 and
 * five disagreements (approach and complexity from C, an omitted requirement, a file and a constraint only A gave).
 */
export const ANSWER_A: TaskAnalysis = {
  ...base,
  approach: "Use a REST API with Express",
  requirements: ["validate input", "store users"],
  files: [
    { path: "src/app.ts", purpose: "server" },
    { path: "src/db.ts", purpose: "storage" },
  ],
  constraints: ["no network"],
  risks: ["data loss"],
  complexity: 3,
  test_plan: ["unit tests"],
};
export const ANSWER_B: TaskAnalysis = {
  ...base,
  approach: "use a rest api, with express!",
  requirements: ["validate input", "store users in SQLite"],
  files: [{ path: "./src/app.ts", purpose: "" }],
  risks: ["Data loss"],
  complexity: 3,
  test_plan: ["unit tests"],
};
export const ANSWER_C: TaskAnalysis = {
  ...base,
  approach: "Write a CLI script",
  requirements: ["validate input"],
  files: [{ path: "src/app.ts", purpose: "entry" }],
  risks: ["data loss"],
  complexity: 4,
  test_plan: ["unit tests"],
};
