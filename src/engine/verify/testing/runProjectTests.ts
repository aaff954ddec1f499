import fs from "node:fs";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { RunnerId, TestCase, TestRunResult } from "../../../shared/contract/verify.js";
import { computeReward, type RewardInput } from "../reward/computeReward.js";
import { runSandboxed, type SandboxLimits } from "../sandbox/runSandboxed.js";
import type { DependencyLink } from "../sandbox/dependencyLinks.js";
import type { SandboxProbe } from "../sandbox/probeSandbox.js";
import { detectRunner, type RunnerSpec } from "./detectRunner.js";
import { parseCargoOutput } from "./parseCargoOutput.js";
import { parseGoTestJson } from "./parseGoTestJson.js";
import { parseJestJson } from "./parseJestJson.js";
import { parseJUnitXml } from "./parseJUnitXml.js";
import { comparePin, pinTests, type TestPin } from "./pinTests.js";
import { readReport } from "./readReport.js";

export interface RunProjectTestsOptions {
  project: string;
  command?: string;
  runner?: RunnerId;
  probe: SandboxProbe;
  /** Run without bwrap: only after explicit consent for this project. */
  unsandboxed: boolean;
  limits: SandboxLimits;
  scratchCopy?: boolean;
  readOnlyPaths?: string[];
  hostHome?: string;
  /** Dependency links trusted before any test ran (see runSandboxed). */
  dependencyLinks?: DependencyLink[];
  /** Test hashes taken before the candidate was applied; null when nothing was applied since. */
  pin: TestPin | null;
  acceptTestChanges?: boolean;
  validation?: RewardInput["validation"];
  baseline?: RewardInput["baseline"];
  signal?: AbortSignal;
  onProgress?: (p: { fraction: number; message?: string }) => void;
  onOutput?: (chunk: string) => void;
}

/** Result plus the test hashes after the run (the next pin when the user accepts test changes). */
export type ProjectTestRun = TestRunResult & { pinAfter: TestPin };

/**
 * Detect the runner, check the pinned tests, run the suite in the sandbox, parse per-test results from the
 * runner's report (JUnit XML, jest/vitest JSON, go test -json, cargo's text) and compute the reward.
 */
export async function runProjectTests(o: RunProjectTestsOptions): Promise<ProjectTestRun> {
  const project = fs.realpathSync(o.project);
  const spec = detectRunner(project, { command: o.command, runner: o.runner, home: o.hostHome });
  if (!spec) throw new AppError(ErrorCode.NotFound, `No test runner found in ${project} (give a command)`);
  o.onProgress?.({ fraction: 0.05, message: `${spec.runner}: ${spec.reason}` });
  const before = pinTests(project);
  const tamperedBefore = o.pin ? comparePin(o.pin, before) : [];
  let report: string | null = null;
  o.onProgress?.({ fraction: 0.1, message: `running ${spec.command}` });
  const run = await runSandboxed({
    project,
    command: spec.command,
    probe: o.probe,
    unsandboxed: o.unsandboxed,
    limits: o.limits,
    scratchCopy: o.scratchCopy,
    readOnlyFiles: Object.keys(before),
    readOnlyPaths: [...(o.readOnlyPaths ?? []), ...spec.readOnlyPaths],
    extraPath: spec.extraPath,
    extraEnv: spec.env,
    hostHome: o.hostHome,
    dependencyLinks: o.dependencyLinks,
    signal: o.signal,
    onOutput: o.onOutput,
    collect: (tmp) => {
      report = spec.report ? readReport(tmp, spec.report.file) : null;
    },
  });
  o.onProgress?.({ fraction: 0.9, message: "reading results" });
  const after = pinTests(project);
  const tamperedDuring = comparePin(before, after);
  const tamperedFiles = [...new Set([...tamperedBefore, ...tamperedDuring])].sort();
  const tests = parseReport(spec, report, run.output.text, project);
  const perTest = spec.report !== null;
  const testsTampered = tamperedFiles.length > 0;
  const accepted = testsTampered && !!o.acceptTestChanges;
  const reward = computeReward({ tests, perTest, exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, testsTampered, acceptedTestChanges: accepted, validation: o.validation, baseline: o.baseline });
  const summary = {
    total: tests.length,
    passed: reward.passed,
    failed: reward.failed,
    skipped: reward.skipped,
    errors: reward.errors,
  };
  if (run.leftovers.length) run.sandbox.notes.push(`${run.leftovers.length} process(es) outlived the run and could not be killed`);
  return {
    project,
    runner: spec.runner,
    command: spec.command,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    sandbox: run.sandbox,
    tests,
    summary,
    perTest,
    output: run.output,
    testsTampered,
    tamperedFiles,
    acceptedTestChanges: accepted,
    reward,
    pinAfter: after,
  };
}

function parseReport(spec: RunnerSpec, report: string | null, output: string, project: string): TestCase[] {
  if (!spec.report) return [];
  // cargo's report is its full output; fall back to the captured output when the file is missing.
  const text = report ?? (spec.report.format === "cargo" ? output : null);
  if (text === null) return [];
  try {
    switch (spec.report.format) {
      case "junit":
        return parseJUnitXml(text);
      case "jest":
        return parseJestJson(text, project);
      case "go":
        return parseGoTestJson(text);
      case "cargo":
        return parseCargoOutput(text);
    }
  } catch {
    return []; // a truncated or garbled report counts as no results (a crash, for the reward)
  }
}
