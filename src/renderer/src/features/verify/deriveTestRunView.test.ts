import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../../../shared/contract/runs.js";
import { deriveTestRunView } from "./deriveTestRunView.js";

let seq = 0;
const ev = (e: Record<string, unknown>): RunEvent => ({ runId: "r", seq: seq++, ...e }) as RunEvent;

describe("deriveTestRunView", () => {
  it("is idle without events", () => {
    expect(deriveTestRunView([])).toMatchObject({ status: "idle", output: "", result: null, error: null, needsConsent: null });
  });

  it("follows progress and streamed output, then the result", () => {
    const running = [ev({ type: "status", status: "running" }), ev({ type: "progress", fraction: 0.1, message: "running pytest" }), ev({ type: "data", channel: "output", data: "..F" }), ev({ type: "data", channel: "output", data: "\n1 failed" })];
    expect(deriveTestRunView(running)).toMatchObject({ status: "running", progress: { fraction: 0.1, message: "running pytest" }, output: "..F\n1 failed" });
    const reward = { reward: 0.5, passRate: 0.5, validationPenalty: 0, securityPenalty: 0, fixBonus: 0, zeroReason: null, passed: 1, failed: 1, errors: 0, skipped: 0, fixedTests: 0, previouslyFailing: 0, formula: "f" };
    const result = {
      project: "/p",
      runner: "pytest",
      command: "pytest",
      exitCode: 1,
      signal: null,
      timedOut: false,
      durationMs: 10,
      sandbox: { mode: "bwrap", limits: { timeoutSec: 1, memoryMiB: 1, maxProcesses: 1, processCapBy: "rlimit", outputCapKiB: 1 }, notes: [] },
      tests: [],
      summary: { total: 2, passed: 1, failed: 1, skipped: 0, errors: 0 },
      perTest: true,
      output: { text: "", truncated: false, totalBytes: 0 },
      testsTampered: false,
      tamperedFiles: [],
      acceptedTestChanges: false,
      reward,
    };
    // A result that breaks the contract is not shown as one.
    expect(deriveTestRunView([...running, ev({ type: "result", result: { runner: "pytest" } })]).result).toBeNull();
    const done = [...running, ev({ type: "result", result }), ev({ type: "status", status: "succeeded" })];
    expect(deriveTestRunView(done)).toMatchObject({ status: "succeeded", result: { runner: "pytest" } });
  });

  it("turns a refusal for lack of a sandbox into a consent request", () => {
    const v = deriveTestRunView([
      ev({ type: "status", status: "running" }),
      ev({ type: "error", error: { code: "forbidden", message: "No sandbox", details: { needsConsent: true, reason: "bubblewrap (bwrap) is not installed" } } }),
      ev({ type: "status", status: "failed" }),
    ]);
    expect(v).toMatchObject({ status: "failed", error: { code: "forbidden" }, needsConsent: { reason: "bubblewrap (bwrap) is not installed" } });
  });
});
