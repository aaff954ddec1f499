import type { TestRunResult } from "../../shared/contract/verify.js";

const MARK = { passed: "✔", failed: "✘", error: "✘", skipped: "-" } as const;

/** A test run for the terminal: sandbox, per-test results with failure output, summary and reward breakdown. */
export function formatTestRun(r: TestRunResult): string {
  const l = r.sandbox.limits;
  const out: string[] = [
    `${r.runner}: ${r.command}`,
    `sandbox: ${r.sandbox.mode} (timeout ${l.timeoutSec}s, memory ${l.memoryMiB} MiB/process, processes ${l.maxProcesses ?? "uncapped"}${l.processCapBy !== "none" ? ` via ${l.processCapBy}` : ""}, output ${l.outputCapKiB} KiB)`,
    ...r.sandbox.notes.map((n) => `  ! ${n}`),
    "",
  ];
  for (const t of r.tests) {
    const where = t.file ? `${t.file}${t.line ? `:${t.line}` : ""} ` : "";
    out.push(`${MARK[t.status]} ${where}${t.suite && !t.file ? `${t.suite} › ` : ""}${t.name}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ""}`);
    if ((t.status === "failed" || t.status === "error") && t.message) out.push(...t.message.split("\n").slice(0, 15).map((x) => `    ${x}`));
  }
  if (!r.perTest || !r.tests.length) out.push("(no per-test results; output below)", r.output.text.trimEnd().split("\n").slice(-40).join("\n"));
  const s = r.summary;
  out.push("", `${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped} skipped in ${(r.durationMs / 1000).toFixed(1)} s (exit ${r.exitCode ?? r.signal}${r.timedOut ? ", TIMED OUT" : ""})`);
  if (r.testsTampered) out.push(`! tests_tampered: ${r.tamperedFiles.join(", ")}${r.acceptedTestChanges ? " (accepted)" : ""}`);
  const w = r.reward;
  out.push(
    `Reward ${w.reward.toFixed(2)}${w.zeroReason ? ` (0: ${w.zeroReason})` : ""} = pass rate ${w.passRate.toFixed(2)} − validation ${w.validationPenalty.toFixed(2)} − security ${w.securityPenalty.toFixed(2)} + fix bonus ${w.fixBonus.toFixed(2)}`,
  );
  if (w.previouslyFailing) out.push(`  fixed ${w.fixedTests} of ${w.previouslyFailing} previously failing test(s)`);
  return out.join("\n");
}
