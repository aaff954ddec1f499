import type { RewardBreakdown, TestCase } from "../../../shared/contract/verify.js";

/** The documented formula (docs/verify.md), carried in every breakdown so stored rewards explain themselves. */
export const REWARD_FORMULA =
  "reward = clamp(passRate − min(0.3, 0.10·validationErrors + 0.02·validationWarnings) − min(0.5, 0.25·securityHigh + 0.10·securityMedium) + 0.1·fixed/previouslyFailing, 0, 1); " +
  "passRate = passed/(passed+failed+errors) (exit code 0→1, else 0 for exit-code-only runners); reward = 0 on timeout, crash, tests_tampered (unless accepted) or no tests run";

export interface RewardInput {
  tests: TestCase[];
  /** Whether the runner reported per-test results (false: exit code only). */
  perTest: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  testsTampered: boolean;
  acceptedTestChanges: boolean;
  validation?: { errors: number; warnings: number; securityHigh: number; securityMedium: number };
  /** Test name → status in the run before the candidate was applied (for the fix bonus). */
  baseline?: Record<string, TestCase["status"]> | null;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Reward in [0, 1] for one test run of a candidate: the pass rate, minus capped penalties for validation errors
 * and security findings, plus a bonus for tests that failed before the change and pass now; forced to 0 on a
 * timeout, a crash (killed, or failed without any test results), tampered tests or when no test ran.
 */
export function computeReward(r: RewardInput): RewardBreakdown {
  const passed = r.tests.filter((t) => t.status === "passed").length;
  const failed = r.tests.filter((t) => t.status === "failed").length;
  const errors = r.tests.filter((t) => t.status === "error").length;
  const skipped = r.tests.filter((t) => t.status === "skipped").length;
  const v = r.validation ?? { errors: 0, warnings: 0, securityHigh: 0, securityMedium: 0 };
  const validationPenalty = round(Math.min(0.3, 0.1 * v.errors + 0.02 * v.warnings));
  const securityPenalty = round(Math.min(0.5, 0.25 * v.securityHigh + 0.1 * v.securityMedium));
  const baselineFailing = Object.entries(r.baseline ?? {}).filter(([, s]) => s === "failed" || s === "error").map(([n]) => n);
  const nowPassing = new Set(r.tests.filter((t) => t.status === "passed").map(testKey));
  const fixedTests = baselineFailing.filter((n) => nowPassing.has(n)).length;
  const fixBonus = baselineFailing.length ? round((0.1 * fixedTests) / baselineFailing.length) : 0;
  const executed = passed + failed + errors;
  const passRate = r.perTest ? (executed ? passed / executed : 0) : r.exitCode === 0 ? 1 : 0;

  let zeroReason: RewardBreakdown["zeroReason"] = null;
  if (r.timedOut) zeroReason = "timeout";
  else if (r.testsTampered && !r.acceptedTestChanges) zeroReason = "tests_tampered";
  else if (r.signal !== null || (r.perTest && !r.tests.length && r.exitCode !== 0)) zeroReason = "crash";
  else if (r.perTest && executed === 0) zeroReason = "no_tests";

  const raw = passRate - validationPenalty - securityPenalty + fixBonus;
  const reward = zeroReason ? 0 : round(Math.min(1, Math.max(0, raw)));
  return {
    reward,
    passRate: round(passRate),
    validationPenalty,
    securityPenalty,
    fixBonus,
    zeroReason,
    passed,
    failed,
    errors,
    skipped,
    fixedTests,
    previouslyFailing: baselineFailing.length,
    formula: REWARD_FORMULA,
  };
}

/** Stable identity of a test across runs: file, suite and name. */
export function testKey(t: Pick<TestCase, "name" | "suite" | "file">): string {
  return [t.file ?? "", t.suite ?? "", t.name].join("::");
}
