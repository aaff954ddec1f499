// Public engine API of the verify capability, for the conductor loop and other capabilities.
export { parseAnswer, type ParseAnswerOptions } from "./answer/parseAnswer.js";
export { resolveAnswer, type ResolveAnswerOptions } from "./answer/resolveAnswer.js";
export { toParsedAnswer } from "./answer/toParsedAnswer.js";
export { planApply, type PlanApplyInput } from "./apply/planApply.js";
export { applyApproved, type ApplyApprovedInput, type ApplyOutcome } from "./apply/applyApproved.js";
export { undoLastApply } from "./apply/undoLastApply.js";
export { recoverJournals } from "./apply/recoverJournals.js";
export { validateTargetPath, type PathCheck, type PathRules } from "./paths/validateTargetPath.js";
export { globMatcher, PROTECTED_GLOBS, EXECUTES_GLOBS } from "./paths/pathRules.js";
export { validateFiles, type ValidateConfig } from "./validate/validateFiles.js";
export { runProjectTests, type RunProjectTestsOptions } from "./testing/runProjectTests.js";
export { detectRunner, type RunnerSpec } from "./testing/detectRunner.js";
export { runSandboxed, type SandboxLimits } from "./sandbox/runSandboxed.js";
export { probeSandbox, type SandboxProbe } from "./sandbox/probeSandbox.js";
export { computeReward, REWARD_FORMULA, type RewardInput } from "./reward/computeReward.js";
export { createVerifyFeature } from "./verifyFeature.js";
