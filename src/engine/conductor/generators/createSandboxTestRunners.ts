import type { TestCase, TestRunResult } from "../../../shared/contract/verify.js";
import { runSandboxed, type SandboxLimits } from "../../verify/sandbox/runSandboxed.js";
import type { SandboxProbe } from "../../verify/sandbox/probeSandbox.js";
import { detectRunner } from "../../verify/testing/detectRunner.js";
import { runProjectTests } from "../../verify/testing/runProjectTests.js";
import { parseJestJson } from "../../verify/testing/parseJestJson.js";
import { parseJUnitXml } from "../../verify/testing/parseJUnitXml.js";
import { readReport } from "../../verify/testing/readReport.js";

export interface SandboxTestRunnerOptions {
  /** The sandbox probe, or how to get it (e.g. `() => verify.probe()`, cached per bwrap path). */
  probe: SandboxProbe | (() => Promise<SandboxProbe>);
  limits: SandboxLimits;
  /** Run without bwrap: only with the user's consent for this project. Defaults to `false`. */
  unsandboxed?: boolean;
  /** The loop's test command (overrides runner detection for the project's tests). */
  command?: string;
  readOnlyPaths?: string[];
  hostHome?: string;
}

export interface SandboxTestRunners {
  /** The project's own tests in `dir` (a scratch copy), exactly as verify runs them: these score the reward. */
  runTests(dir: string, signal: AbortSignal): Promise<TestRunResult>;
  /**
   * Only the given test files (member-generated tests) in `dir`, per-test results. Empty for runners that cannot
   * run single files with a report (go, cargo, npm, custom commands).
   */
  runGeneratedTests(dir: string, files: string[], signal: AbortSignal): Promise<TestCase[]>;
}

/** Quote for sh unless the path is plainly safe. */
const quote = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/**
 * The test runs the local generator needs, on verify's sandbox: the project's suite through `runProjectTests`
 * (runner detection, report parsing, reward), and generated test files through the detected runner's command
 * with the files appended (pytest, vitest and jest take file arguments and still write their report).
 */
export function createSandboxTestRunners(o: SandboxTestRunnerOptions): SandboxTestRunners {
  const unsandboxed = o.unsandboxed ?? false;
  const probe = async (): Promise<SandboxProbe> => (typeof o.probe === "function" ? o.probe() : o.probe);
  return {
    async runTests(dir, signal) {
      const { pinAfter, ...result } = await runProjectTests({ project: dir, command: o.command, probe: await probe(), unsandboxed, limits: o.limits, readOnlyPaths: o.readOnlyPaths, hostHome: o.hostHome, pin: null, signal });
      void pinAfter;
      return result;
    },
    async runGeneratedTests(dir, files, signal) {
      const spec = detectRunner(dir, { home: o.hostHome });
      if (!spec?.report || !["pytest", "vitest", "jest"].includes(spec.runner) || !files.length) return [];
      let report: string | null = null;
      await runSandboxed({
        project: dir,
        command: `${spec.command} ${files.map(quote).join(" ")}`,
        probe: await probe(),
        unsandboxed,
        limits: o.limits,
        readOnlyPaths: [...(o.readOnlyPaths ?? []), ...spec.readOnlyPaths],
        extraPath: spec.extraPath,
        extraEnv: spec.env,
        hostHome: o.hostHome,
        signal,
        collect: (tmp) => {
          report = readReport(tmp, spec.report!.file);
        },
      });
      if (report === null) return [];
      try {
        return spec.report.format === "junit" ? parseJUnitXml(report) : parseJestJson(report, dir);
      } catch {
        return []; // a garbled report: no generated test counts as passed
      }
    },
  };
}
