import type Database from "better-sqlite3";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { ApplyPlan, ApplyRecord, TestCase, TestRunResult } from "../../shared/contract/verify.js";
import type { Journal } from "./apply/journalFile.js";
import { testKey } from "./reward/computeReward.js";
import type { DependencyLink } from "./sandbox/dependencyLinks.js";
import type { TestPin } from "./testing/pinTests.js";

/** Stored run metadata beside a TestRunResult. */
export interface TestRunMeta {
  runId: string;
  startedAt: number;
  applyId: string | null;
  promptId?: string;
  attempt?: number;
}

/** SQLite persistence of the verify capability: plans, applies (mirror of the journals), pins, consent, runs. */
export class VerifyStore {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  private writable(): void {
    if (this.readOnly) throw new AppError(ErrorCode.ReadOnly, "The database is read-only (opened by a newer version)");
  }

  savePlan(plan: ApplyPlan): void {
    this.writable();
    this.db.prepare("INSERT INTO verify_plans (id, project, created_at, plan_json) VALUES (?, ?, ?, ?)").run(plan.planId, plan.project, plan.createdAt, JSON.stringify(plan));
    // Plans carry whole file texts: keep the latest 100.
    this.db.prepare("DELETE FROM verify_plans WHERE id NOT IN (SELECT id FROM verify_plans ORDER BY created_at DESC LIMIT 100)").run();
  }

  getPlan(planId: string): ApplyPlan {
    const row = this.db.prepare("SELECT plan_json FROM verify_plans WHERE id = ?").get(planId) as { plan_json: string } | undefined;
    if (!row) throw new AppError(ErrorCode.NotFound, `No plan ${planId} (plans are kept for the latest 100)`);
    return JSON.parse(row.plan_json) as ApplyPlan;
  }

  /** Record a committed apply (idempotent: recovery may record one the crashed process could not). */
  recordApply(j: Journal): void {
    if (this.readOnly) return;
    const files = j.entries.map((e) => ({ path: e.rel, action: e.action }));
    this.db
      .prepare("INSERT INTO verify_applies (id, project, plan_id, files_json, created_at, undone_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET undone_at = excluded.undone_at")
      .run(j.applyId, j.project, j.planId, JSON.stringify(files), j.createdAt, j.state === "undone" ? (j.undoneAt ?? Date.now()) : null);
  }

  listApplies(project: string | undefined, limit: number): ApplyRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM verify_applies ${project ? "WHERE project = ?" : ""} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(...(project ? [project, limit] : [limit])) as Array<{ id: string; plan_id: string | null; project: string; files_json: string; created_at: number; undone_at: number | null }>;
    return rows.map((r) => ({ applyId: r.id, planId: r.plan_id, project: r.project, files: JSON.parse(r.files_json) as ApplyRecord["files"], createdAt: r.created_at, undoneAt: r.undone_at }));
  }

  /** The newest apply of a project that is still in effect. */
  latestActiveApply(project: string): ApplyRecord | null {
    return this.listApplies(project, 50).find((a) => a.undoneAt === null) ?? null;
  }

  /** Test hashes from before the first apply not yet followed by a test run (the tamper check compares to them). */
  setPin(project: string, pin: TestPin, applyId: string | null): void {
    if (this.readOnly) return;
    this.db.prepare("INSERT OR REPLACE INTO verify_test_pins (project, apply_id, pinned_at, files_json) VALUES (?, ?, ?, ?)").run(project, applyId, Date.now(), JSON.stringify(pin));
  }

  clearPin(project: string): void {
    if (!this.readOnly) this.db.prepare("DELETE FROM verify_test_pins WHERE project = ?").run(project);
  }

  getPin(project: string): TestPin | null {
    const row = this.db.prepare("SELECT files_json FROM verify_test_pins WHERE project = ?").get(project) as { files_json: string } | undefined;
    return row ? (JSON.parse(row.files_json) as TestPin) : null;
  }

  /** Dependency links trusted for a project (recorded before its first test run), or null when none were recorded. */
  getDependencyLinks(project: string): DependencyLink[] | null {
    const row = this.db.prepare("SELECT links_json FROM verify_dependency_links WHERE project = ?").get(project) as { links_json: string } | undefined;
    return row ? (JSON.parse(row.links_json) as DependencyLink[]) : null;
  }

  setDependencyLinks(project: string, links: DependencyLink[]): void {
    if (this.readOnly) return;
    this.db.prepare("INSERT OR REPLACE INTO verify_dependency_links (project, recorded_at, links_json) VALUES (?, ?, ?)").run(project, Date.now(), JSON.stringify(links));
  }

  hasConsent(project: string): boolean {
    return !!this.db.prepare("SELECT 1 FROM verify_consent WHERE project = ?").get(project);
  }

  setConsent(project: string, grant: boolean): void {
    this.writable();
    if (grant) this.db.prepare("INSERT OR REPLACE INTO verify_consent (project, granted_at) VALUES (?, ?)").run(project, Date.now());
    else this.db.prepare("DELETE FROM verify_consent WHERE project = ?").run(project);
  }

  saveTestRun(r: TestRunResult, m: TestRunMeta): void {
    if (this.readOnly) return;
    const w = r.reward;
    const tests = Object.fromEntries(r.tests.map((t) => [testKey(t), t.status]));
    this.db
      .prepare(
        `INSERT OR REPLACE INTO verify_test_runs (id, project, runner, command, started_at, duration_ms, exit_code, timed_out, sandbox_mode, passed, failed, errors, skipped,
          tests_tampered, accepted_test_changes, reward, pass_rate, validation_penalty, security_penalty, fix_bonus, zero_reason, fixed_tests, previously_failing,
          apply_id, prompt_id, attempt, tests_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.runId, r.project, r.runner, r.command, m.startedAt, Math.round(r.durationMs), r.exitCode, r.timedOut ? 1 : 0, r.sandbox.mode, w.passed, w.failed, w.errors, w.skipped,
        r.testsTampered ? 1 : 0, r.acceptedTestChanges ? 1 : 0, w.reward, w.passRate, w.validationPenalty, w.securityPenalty, w.fixBonus, w.zeroReason, w.fixedTests,
        w.previouslyFailing, m.applyId, m.promptId ?? null, m.attempt ?? null, JSON.stringify(tests));
  }

  /** Per-test outcomes of the latest run that started before `before` (the state before the candidate). */
  baseline(project: string, before: number): Record<string, TestCase["status"]> | null {
    const row = this.db.prepare("SELECT tests_json FROM verify_test_runs WHERE project = ? AND started_at < ? ORDER BY started_at DESC LIMIT 1").get(project, before) as { tests_json: string } | undefined;
    return row ? (JSON.parse(row.tests_json) as Record<string, TestCase["status"]>) : null;
  }

  /**
   * pass_rate: mean per-run pass rate over the latest 100 runs; first_prompt_success: share of prompts whose first
   * attempt passed every test (no failures or errors, at least one pass, reward not forced to 0).
   */
  kpis(project?: string): { passRate: number | null; firstPromptSuccess: number | null; runs: number; meanReward: number | null } {
    const where = project ? "WHERE project = ?" : "";
    const args = project ? [project] : [];
    const agg = this.db.prepare(`SELECT COUNT(*) AS n, AVG(pass_rate) AS pr, AVG(reward) AS r FROM (SELECT * FROM verify_test_runs ${where} ORDER BY started_at DESC LIMIT 100)`).get(...args) as { n: number; pr: number | null; r: number | null };
    // One row per prompt: its earliest first-attempt run.
    const first = this.db
      .prepare(
        `SELECT COUNT(*) AS n, SUM(ok) AS ok FROM (SELECT prompt_id, (failed = 0 AND errors = 0 AND passed > 0 AND zero_reason IS NULL) AS ok, MIN(started_at)
          FROM verify_test_runs ${where ? `${where} AND` : "WHERE"} prompt_id IS NOT NULL AND attempt = 1 GROUP BY prompt_id)`,
      )
      .get(...args) as { n: number; ok: number | null };
    const r4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10000) / 10000);
    return { passRate: r4(agg.pr), firstPromptSuccess: first.n ? r4((first.ok ?? 0) / first.n) : null, runs: agg.n, meanReward: r4(agg.r) };
  }
}
