import { describe, expect, it } from "vitest";
import type { TestCase } from "../../../shared/contract/verify.js";
import { computeReward, type RewardInput } from "./computeReward.js";

const t = (name: string, status: TestCase["status"]): TestCase => ({ name, status });
const base: RewardInput = { tests: [], perTest: true, exitCode: 0, signal: null, timedOut: false, testsTampered: false, acceptedTestChanges: false };

describe("computeReward", () => {
  it("is the pass rate when nothing else applies (skipped tests do not count)", () => {
    const r = computeReward({ ...base, exitCode: 1, tests: [t("a", "passed"), t("b", "passed"), t("c", "failed"), t("d", "error"), t("e", "skipped")] });
    expect(r).toMatchObject({ reward: 0.5, passRate: 0.5, passed: 2, failed: 1, errors: 1, skipped: 1, zeroReason: null });
  });

  it("subtracts capped validation and security penalties and adds the fix bonus", () => {
    const tests = [t("a", "passed"), t("b", "passed"), t("c", "passed"), t("d", "failed")];
    const r = computeReward({ ...base, tests, validation: { errors: 1, warnings: 3, securityHigh: 1, securityMedium: 0 }, baseline: { "::::c": "failed", "::::d": "failed" } });
    expect(r).toMatchObject({ passRate: 0.75, validationPenalty: 0.16, securityPenalty: 0.25, fixedTests: 1, previouslyFailing: 2, fixBonus: 0.05 });
    expect(r.reward).toBeCloseTo(0.75 - 0.16 - 0.25 + 0.05, 4);
    const capped = computeReward({ ...base, tests, validation: { errors: 10, warnings: 0, securityHigh: 5, securityMedium: 5 } });
    expect(capped).toMatchObject({ validationPenalty: 0.3, securityPenalty: 0.5, reward: 0 });
  });

  it("clamps to [0, 1]", () => {
    const r = computeReward({ ...base, tests: [t("a", "passed")], baseline: { "::::a": "failed" } });
    expect(r).toMatchObject({ reward: 1, fixBonus: 0.1 });
  });

  it("is 0 on timeout, crash, tampering (unless accepted) and when no test ran", () => {
    const pass = [t("a", "passed")];
    expect(computeReward({ ...base, tests: pass, timedOut: true, signal: "SIGKILL", exitCode: null })).toMatchObject({ reward: 0, zeroReason: "timeout" });
    expect(computeReward({ ...base, tests: pass, signal: "SIGSEGV", exitCode: null })).toMatchObject({ reward: 0, zeroReason: "crash" });
    expect(computeReward({ ...base, tests: [], exitCode: 2 })).toMatchObject({ reward: 0, zeroReason: "crash" });
    expect(computeReward({ ...base, tests: [t("a", "skipped")] })).toMatchObject({ reward: 0, zeroReason: "no_tests" });
    expect(computeReward({ ...base, tests: pass, testsTampered: true })).toMatchObject({ reward: 0, zeroReason: "tests_tampered" });
    expect(computeReward({ ...base, tests: pass, testsTampered: true, acceptedTestChanges: true })).toMatchObject({ reward: 1, zeroReason: null });
  });

  it("uses the exit code for runners without per-test results", () => {
    expect(computeReward({ ...base, perTest: false, exitCode: 0 }).reward).toBe(1);
    expect(computeReward({ ...base, perTest: false, exitCode: 1 }).reward).toBe(0);
  });
});
