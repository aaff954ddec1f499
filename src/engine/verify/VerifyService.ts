import os from "node:os";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { ApplyPlan, Finding, TestRunResult } from "../../shared/contract/verify.js";

type TestInput = RunParsedInput<"verify.test">;

/** Largest answer read from the clipboard (the contract caps given text at the same 5 MB). */
const MAX_ANSWER_BYTES = 5_000_000;
import type { EngineContext } from "../EngineContext.js";
import type { Config } from "../config/ConfigSchema.js";
import { resolveAnswer } from "./answer/resolveAnswer.js";
import { toParsedAnswer } from "./answer/toParsedAnswer.js";
import { applyApproved } from "./apply/applyApproved.js";
import { planApply } from "./apply/planApply.js";
import { recoverAllProjects } from "./apply/recoverAllProjects.js";
import { undoLastApply } from "./apply/undoLastApply.js";
import { globMatcher, EXECUTES_GLOBS, PROTECTED_GLOBS } from "./paths/pathRules.js";
import type { PathRules } from "./paths/validateTargetPath.js";
import { resolveProject } from "./resolveProject.js";
import { findDependencyLinks, type DependencyLink } from "./sandbox/dependencyLinks.js";
import { sandboxLimits } from "./sandbox/sandboxLimits.js";
import { probeSandbox, type SandboxProbe } from "./sandbox/probeSandbox.js";
import type { SandboxLimits } from "./sandbox/runSandboxed.js";
import { pinTests } from "./testing/pinTests.js";
import { runProjectTests } from "./testing/runProjectTests.js";
import { validateFiles } from "./validate/validateFiles.js";
import { VerifyStore } from "./VerifyStore.js";

/** The verify capability's operations over the engine context (config, database, data folder). */
export class VerifyService {
  readonly store: VerifyStore;
  readonly journalRoot: string;
  readonly rules: PathRules;

  constructor(private readonly ctx: EngineContext) {
    this.store = new VerifyStore(ctx.db, ctx.dbReadOnly);
    this.journalRoot = path.join(ctx.dataDir, "verify", "journal");
    this.rules = { protectedMatcher: globMatcher([...PROTECTED_GLOBS, ...this.verifyConfig.protectedGlobs]), executesMatcher: globMatcher(EXECUTES_GLOBS) };
  }

  /** The `verify` config section (validated with the rest of the config at load). */
  get verifyConfig(): Config["verify"] {
    return this.ctx.config.verify;
  }

  get limits(): SandboxLimits {
    return sandboxLimits(this.ctx.config.sandbox);
  }

  probe(signal?: AbortSignal): Promise<SandboxProbe> {
    return probeSandbox(this.ctx.config.sandbox.bwrapPath, signal);
  }

  /** Repair interrupted applies/undos of every project and mirror the journals into the database. */
  recover(): void {
    const r = recoverAllProjects(this.journalRoot, (dir, e) => this.ctx.logger.warn({ dir, err: (e as Error).message }, "journal recovery skipped"));
    for (const j of r.journals) this.store.recordApply(j);
    if (r.rolledBack.length) this.ctx.notify({ level: "warn", title: "Interrupted apply rolled back", message: `${r.rolledBack.length} apply(s) interrupted by a crash were rolled back; your files are as they were before.` });
  }

  async validate(files: Array<{ path: string; content: string }>, project: string | undefined, signal?: AbortSignal): Promise<Finding[]> {
    const probe = await this.probe(signal);
    return validateFiles({ files, config: this.verifyConfig, project, sandbox: project ? { probe, limits: this.limits } : undefined, signal });
  }

  async plan(input: { project: string; text?: string; fromClipboard?: boolean; expectedFile?: string }, signal?: AbortSignal): Promise<ApplyPlan> {
    const project = resolveProject(input.project);
    let text = input.text;
    if (text === undefined && input.fromClipboard) {
      const clip = await this.ctx.ports.clipboard.read({ maxBytes: MAX_ANSWER_BYTES });
      if (clip.kind === "refused") throw new AppError(ErrorCode.InvalidInput, `The clipboard was not read: ${clip.message}`);
      text = clip.kind === "text" ? clip.text : "";
    }
    if (!text?.trim()) throw new AppError(ErrorCode.InvalidInput, input.fromClipboard ? "The clipboard is empty (or this shell has no clipboard access)" : "No answer text given");
    const resolved = await resolveAnswer(text, { project, rules: this.rules, expectedFile: input.expectedFile, signal });
    const parsed = toParsedAnswer(resolved);
    const planned = await planApply({ project, parsed, rules: this.rules, maxFiles: this.verifyConfig.maxFilesPerAnswer, validate: (files) => this.validate(files, project, signal) });
    const key = (p: string): string => p.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
    const formats = new Map(parsed.files.map((f) => [key(f.path), f.format]));
    const plan: ApplyPlan = { ...planned, files: planned.files.map((f) => ({ ...f, format: formats.get(key(f.path)) })), failures: resolved.failures };
    this.store.savePlan(plan);
    return plan;
  }

  apply(input: { planId: string; approve: "all" | string[]; confirmProtected?: string[] }): { applyId: string; written: string[]; skipped: Array<{ path: string; reason: string }> } {
    const plan = this.store.getPlan(input.planId);
    const project = resolveProject(plan.project);
    const pendingPin = this.store.getPin(project);
    const before = pendingPin ? null : pinTests(project);
    const out = applyApproved({ plan, approve: input.approve, confirmProtected: input.confirmProtected, journalRoot: this.journalRoot, rules: this.rules });
    if (!out.journal) throw new AppError(ErrorCode.InvalidInput, `Nothing to write: ${out.skipped.map((s) => `${s.path} (${s.reason})`).join(", ") || "the plan is empty"}`, { details: { skipped: out.skipped } });
    this.store.recordApply(out.journal);
    // Hashes from before the first unverified apply: the next test run compares against them.
    if (before) this.store.setPin(project, before, out.journal.applyId);
    return { applyId: out.journal.applyId, written: out.written, skipped: out.skipped };
  }

  undo(input: { project: string; applyId?: string; force?: boolean }): { applyId: string; restored: string[] } {
    const project = resolveProject(input.project);
    const j = undoLastApply(this.journalRoot, project, { applyId: input.applyId, force: input.force });
    this.store.recordApply(j);
    return { applyId: j.applyId, restored: j.entries.map((e) => e.rel) };
  }

  async test(input: TestInput, runId: string, hooks: { signal: AbortSignal; progress: (f: number, m?: string) => void; output: (chunk: string) => void }): Promise<TestRunResult> {
    const project = resolveProject(input.project);
    const probe = await this.probe(hooks.signal);
    const unsandboxed = !probe.available;
    if (unsandboxed && !this.store.hasConsent(project)) {
      throw new AppError(ErrorCode.Forbidden, `No sandbox (${probe.detail}). Tests would run with your full rights; consent for this project first (codeconductor test --allow-unsandboxed, or the UI).`, {
        details: { needsConsent: true, project, reason: probe.detail },
      });
    }
    const startedAt = Date.now();
    const latest = this.store.latestActiveApply(project);
    const pin = this.store.getPin(project);
    const s = this.ctx.config.sandbox;
    const dependencyLinks = this.dependencyLinks(project, !!input.acceptTestChanges);
    const result = await runProjectTests({
      project,
      command: input.command,
      runner: input.runner,
      probe,
      unsandboxed,
      limits: { ...this.limits, ...(input.timeoutSec ? { timeoutSec: input.timeoutSec } : {}) },
      scratchCopy: s.scratchCopy,
      readOnlyPaths: s.readOnlyPaths.map((p) => (p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p)),
      dependencyLinks,
      pin,
      acceptTestChanges: input.acceptTestChanges,
      validation: input.validation ?? this.validationOf(latest?.planId ?? null, latest?.files.map((f) => f.path) ?? []),
      baseline: latest ? this.store.baseline(project, latest.createdAt) : null,
      signal: hooks.signal,
      onProgress: (p) => hooks.progress(p.fraction, p.message),
      onOutput: hooks.output,
    });
    const { pinAfter, ...rest } = result;
    void pinAfter;
    this.store.saveTestRun(rest, { runId, startedAt, applyId: latest?.applyId ?? null, promptId: input.promptId, attempt: input.attempt });
    if (pin && (!rest.testsTampered || rest.acceptedTestChanges)) this.store.clearPin(project);
    return rest;
  }

  /**
   * The project's dependency links as first seen, before any test ran (a test could plant one pointing at a
   * secret); accepting test changes re-reads them, since the user then vouches for the project's state.
   */
  private dependencyLinks(project: string, refresh: boolean): DependencyLink[] {
    const known = refresh ? null : this.store.getDependencyLinks(project);
    if (known) return known;
    const links = findDependencyLinks(project);
    this.store.setDependencyLinks(project, links);
    return links;
  }

  /** Validation counts of the files an apply wrote, from its stored plan (null when the plan is gone). */
  private validationOf(planId: string | null, paths: string[]): TestInput["validation"] {
    if (!planId) return undefined;
    let plan: ApplyPlan;
    try {
      plan = this.store.getPlan(planId);
    } catch {
      return undefined;
    }
    const findings = plan.files.filter((f) => paths.includes(f.path)).flatMap((f) => f.findings);
    const count = (cat: (c: Finding["category"]) => boolean, sev: Finding["severity"]): number => findings.filter((f) => cat(f.category) && f.severity === sev).length;
    const isSec = (c: Finding["category"]): boolean => c === "security";
    return { errors: count((c) => !isSec(c), "error"), warnings: count((c) => !isSec(c), "warning"), securityHigh: count(isSec, "error"), securityMedium: count(isSec, "warning") };
  }
}
