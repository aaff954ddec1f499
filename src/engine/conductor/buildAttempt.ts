import { randomUUID } from "node:crypto";
import type { AttemptRecord, Candidate } from "../../shared/contract/conductor.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { Finding, TestRunResult } from "../../shared/contract/verify.js";

/** Tests went green: something ran, nothing failed, and no zero-reason (timeout, tampering…) applies. */
export function isGreen(t: TestRunResult): boolean {
  return t.reward.zeroReason === null && t.summary.failed === 0 && t.summary.errors === 0 && t.summary.passed > 0;
}

/** What a failure looks like, to tell "the same failure again" (stop early) from progress. */
export function failureSignature(a: AttemptRecord): string {
  if (!a.tests) return `generator:${a.answer.slice(0, 200)}`;
  return a.tests.failing
    .map((f) => `${f.name}|${(f.message ?? "").split("\n")[0]!.replace(/0x[0-9a-f]+|\d+(\.\d+)?/gi, "#").slice(0, 200)}`)
    .sort()
    .join("\n");
}

/** Validation counts for the reward penalties: errors/warnings, and security findings by severity. */
export function validationCounts(findings: Finding[]): { errors: number; warnings: number; securityHigh: number; securityMedium: number } {
  const count = (pred: (f: Finding) => boolean): number => findings.filter(pred).length;
  return {
    errors: count((f) => f.category !== "security" && f.severity === "error"),
    warnings: count((f) => f.category !== "security" && f.severity === "warning"),
    securityHigh: count((f) => f.category === "security" && f.severity === "error"),
    securityMedium: count((f) => f.category === "security" && f.severity !== "error"),
  };
}

export function buildAttempt(o: {
  run: { runId: string };
  input: RunParsedInput<"conductor.loop">;
  project: string;
  iteration: number;
  prompt: string;
  answer: string;
  candidate: Candidate | null;
  tests: TestRunResult | null;
  models: string[];
  awaitMs: number;
  testMs: number;
  startedAt: number;
}): AttemptRecord {
  const findings = o.candidate?.plan.files.flatMap((f) => f.findings) ?? [];
  const endedAt = Date.now();
  return {
    id: randomUUID(),
    runId: o.run.runId,
    promptId: o.run.runId,
    iteration: o.iteration,
    task: o.input.task,
    project: o.project,
    generator: o.input.generator ?? "clipboard",
    prompt: o.prompt,
    answer: o.answer.slice(0, 200_000),
    files: (o.candidate?.plan.files ?? []).filter((f) => f.action !== "none").map((f) => ({ path: f.path, action: f.action as "create" | "modify" | "delete", diff: f.diff.slice(0, 100_000) })),
    validation: { ...validationCounts(findings), findings: findings.slice(0, 200) },
    tests: o.tests
      ? {
          runner: o.tests.runner,
          passed: o.tests.summary.passed,
          failed: o.tests.summary.failed,
          errors: o.tests.summary.errors,
          skipped: o.tests.summary.skipped,
          failing: o.tests.tests
            .filter((t) => t.status === "failed" || t.status === "error")
            .slice(0, 50)
            .map((t) => ({ name: t.name, ...(t.file ? { file: t.file } : {}), ...(t.line !== undefined ? { line: t.line } : {}), ...(t.message ? { message: t.message.slice(0, 2000) } : {}) })),
        }
      : null,
    reward: o.tests?.reward ?? null,
    passed: o.tests ? isGreen(o.tests) : false,
    models: o.models,
    personas: [],
    timings: { awaitMs: o.awaitMs, testMs: o.testMs, totalMs: endedAt - o.startedAt },
    startedAt: o.startedAt,
    endedAt,
  };
}
