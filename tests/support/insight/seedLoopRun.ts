import { randomUUID } from "node:crypto";
import os from "node:os";
import type Database from "better-sqlite3";
import { loopDataChannels, LoopRunResult, type RunEvent } from "../../../src/shared/contract/index.js";

/** Secrets and identifying values planted in a run; none may reach a bundle. */
export const CANARIES = {
  awsKeyId: "AKIAZ3MSJV4WWNKWW5FG",
  awsSecret: "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",
  githubToken: "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",
  pemBody: "MIIEowIBAAKCAQEAwJ7Qm3v9ZcP8dJ2kLx4Tq1nR6sYh0uF3bWg5eVjKiOpAzXcD",
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MjQyIiwibmFtZSI6IkNhbmFyeSJ9.Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0",
  dbPassword: "s3cretP4ssw0rd",
  dotenvValue: "hunter2hunter2",
  foreignHome: "/home/alice",
  email: "alice.doe@example-corp.com",
} as const;

const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${CANARIES.pemBody}\nq7Tn2XbQ9wE4rY6uI8oP0aS3dF5gH7jK9lZ1xC2vB4nM6\n-----END RSA PRIVATE KEY-----`;
const SECRET_FILE = `const aws = { id: "${CANARIES.awsKeyId}", secret: "${CANARIES.awsSecret}" };\nconst gh = "${CANARIES.githubToken}";\nconst key = \`${PEM}\`;\nconst session = "${CANARIES.jwt}";\nconst db = "postgres://admin:${CANARIES.dbPassword}@db.internal:5432/app";\n// owner ${CANARIES.email}, cache in ${os.homedir()}/.cache and ${CANARIES.foreignHome}/work\n`;

const reward = (passRate: number, passed: number, failed: number) => ({
  reward: passRate,
  passRate,
  validationPenalty: 0,
  securityPenalty: 0,
  fixBonus: 0,
  zeroReason: null,
  passed,
  failed,
  errors: 0,
  skipped: 0,
  fixedTests: 0,
  previouslyFailing: 0,
  formula: "pass_rate",
});

function testRun(project: string, passed: number, failed: number) {
  return {
    project,
    runner: "vitest" as const,
    command: "npx vitest run",
    exitCode: failed ? 1 : 0,
    signal: null,
    timedOut: false,
    durationMs: 900,
    sandbox: { mode: "bwrap" as const, limits: { timeoutSec: 60, memoryMiB: 1024, maxProcesses: 64, processCapBy: "rlimit" as const, outputCapKiB: 512 }, notes: [] },
    tests: [
      { name: "adds", status: "passed" as const },
      { name: "subtracts", status: failed ? ("failed" as const) : ("passed" as const), message: failed ? `expected 1 at ${os.homedir()}/p/x.test.ts token=${CANARIES.githubToken}` : undefined },
    ],
    summary: { total: passed + failed, passed, failed, skipped: 0, errors: 0 },
    perTest: true,
    output: { text: `FAIL at ${os.homedir()}/p DATABASE=postgres://admin:${CANARIES.dbPassword}@db:5432/x`, truncated: false, totalBytes: 80 },
    testsTampered: false,
    tamperedFiles: [],
    acceptedTestChanges: false,
    reward: reward(passed / (passed + failed), passed, failed),
  };
}

function plan(project: string, iteration: number, newText: string) {
  const file = (p: string, oldText: string, text: string) => ({
    path: p,
    action: "modify" as const,
    status: "ok" as const,
    reasons: [],
    flags: [],
    oldHash: "a".repeat(64),
    newHash: "b".repeat(64),
    oldText,
    newText: text,
    diff: `--- a/${p}\n+++ b/${p}\n@@ -1 +1 @@\n-${oldText.split("\n")[0]}\n+${text.split("\n")[0]}\n`,
    findings: [],
  });
  return {
    planId: `plan-${iteration}`,
    project,
    createdAt: 1_700_000_000_000 + iteration,
    files: [file("src/math.ts", "export const sub = (a, b) => a + b;\n", newText), file(".env", "", `API_SECRET=${CANARIES.dotenvValue}\n`), file("src/secrets.ts", "", SECRET_FILE)],
    unmapped: [],
    notes: [],
    touchesTests: false,
  };
}

export interface SeededRun {
  runId: string;
  /** The loop's data events as recorded, by channel, in order (what replay must reproduce). */
  recorded: Array<{ channel: string; data: unknown }>;
}

/**
 * Insert a finished two-iteration conductor.loop run (first attempt red, second green) into the run log, with
 * every data event checked against the loop contract's channel schemas, plus its applies in verify's table.
 */
export function seedLoopRun(db: Database.Database, opts: { project: string; startedAt?: number; runId?: string }): SeededRun {
  const runId = opts.runId ?? randomUUID();
  const startedAt = opts.startedAt ?? 1_700_000_000_000;
  const p = opts.project;
  const data: Array<{ channel: keyof typeof loopDataChannels; data: unknown }> = [];
  const push = (channel: keyof typeof loopDataChannels, d: unknown): void => {
    data.push({ channel, data: loopDataChannels[channel].parse(d) });
  };
  push("stage", { stage: "prompt", iteration: 1 });
  push("prompt", { iteration: 1, kind: "initial", text: `Fix subtraction in ${p}/src/math.ts. Key: ${CANARIES.awsSecret}`, tokens: 120, copied: true, cut: [] });
  push("candidate", { iteration: 1, source: "clipboard", bytes: 400, plan: plan(p, 1, "export const sub = (a, b) => a - b + 0;\n"), failures: [], preApplied: false });
  push("approval", { iteration: 1, approved: true, by: "auto" });
  push("applied", { iteration: 1, applyId: `${runId}-a1`, written: ["src/math.ts", ".env", "src/secrets.ts"] });
  push("output", `raw test output with ${CANARIES.jwt}`);
  push("tests", testRun(p, 1, 1));
  const attempt = (iteration: number, passed: boolean, t: ReturnType<typeof testRun>) => ({
    id: `${runId}-att${iteration}`,
    runId,
    promptId: `${runId}-prompt`,
    iteration,
    task: "fix subtraction",
    project: p,
    generator: "clipboard",
    prompt: `prompt ${iteration} ${CANARIES.githubToken}`,
    answer: `answer ${iteration}: ${SECRET_FILE}`,
    files: [{ path: "src/math.ts", action: "modify", diff: `-a + b\n+a - b (${iteration})\n` }],
    validation: { errors: 0, warnings: 0, securityHigh: 0, securityMedium: 0, findings: [] },
    tests: { runner: "vitest", passed: t.summary.passed, failed: t.summary.failed, errors: 0, skipped: 0, failing: [] },
    reward: t.reward,
    passed,
    models: ["qwen-tiny"],
    personas: [],
    timings: { awaitMs: 10, testMs: 900, totalMs: 1000 },
    startedAt,
    endedAt: startedAt + 1000,
  });
  const t1 = testRun(p, 1, 1);
  push("attempt", attempt(1, false, t1));
  push("stage", { stage: "fix_prompt", iteration: 2 });
  push("prompt", { iteration: 2, kind: "fix", text: `Test "subtracts" failed in ${os.homedir()}/p. Mail ${CANARIES.email}`, tokens: 90, copied: true, cut: [] });
  push("candidate", { iteration: 2, source: "clipboard", bytes: 300, plan: plan(p, 2, "export const sub = (a, b) => a - b;\n"), failures: [], preApplied: false });
  push("applied", { iteration: 2, applyId: `${runId}-a2`, written: ["src/math.ts"] });
  const t2 = testRun(p, 2, 0);
  push("tests", t2);
  push("attempt", attempt(2, true, t2));
  push("stage", { stage: "done", iteration: 2 });
  const result = LoopRunResult.parse({
    runId,
    outcome: "green",
    iterations: 2,
    reward: 1,
    attempts: [
      { iteration: 1, reward: 0.5, passed: 1, failed: 1, files: ["src/math.ts"] },
      { iteration: 2, reward: 1, passed: 2, failed: 0, files: ["src/math.ts"] },
    ],
    message: "green after 2 iterations",
  });
  const events: RunEvent[] = [{ runId, seq: 0, type: "status", status: "running" }];
  events.push({ runId, seq: 1, type: "log", level: "info", message: `project ${p} on host ${os.hostname()} DSN postgres://admin:${CANARIES.dbPassword}@db:5432/x` });
  for (const d of data) events.push({ runId, seq: events.length, type: "data", channel: d.channel, data: d.data });
  events.push({ runId, seq: events.length, type: "result", result });
  events.push({ runId, seq: events.length, type: "status", status: "succeeded" });
  const endedAt = startedAt + 60_000;
  db.prepare("INSERT INTO runs (id, kind, title, status, input_json, result_json, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(
    runId,
    "conductor.loop",
    `Loop: fix subtraction in ${p}`,
    "succeeded",
    JSON.stringify({ task: `fix subtraction, password=${CANARIES.dbPassword}`, project: p, generator: "clipboard" }),
    JSON.stringify(result),
    startedAt,
    endedAt,
  );
  const ins = db.prepare("INSERT INTO run_events (run_id, seq, event_json) VALUES (?, ?, ?)");
  for (const e of events) ins.run(runId, e.seq, JSON.stringify(e));
  const apply = db.prepare("INSERT INTO verify_applies (id, project, plan_id, files_json, created_at, undone_at) VALUES (?, ?, ?, ?, ?, ?)");
  apply.run(`${runId}-a1`, p, "plan-1", JSON.stringify([{ path: "src/math.ts", action: "modify" }]), startedAt + 10_000, startedAt + 20_000);
  apply.run(`${runId}-a2`, p, "plan-2", JSON.stringify([{ path: "src/math.ts", action: "modify" }]), startedAt + 30_000, null);
  return { runId, recorded: data };
}
