import type { AttemptRecord, Candidate, LoopOutcome, LoopRunResult, LoopStage } from "../../shared/contract/conductor.js";
import { AppError, ErrorCode, toAppError } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { TestRunResult } from "../../shared/contract/verify.js";
import type { RunContext } from "../runs/RunManager.js";
import { resolveProject } from "../verify/resolveProject.js";
import { alreadyApplied } from "./alreadyApplied.js";
import { buildAttempt, failureSignature, isGreen, validationCounts } from "./buildAttempt.js";
import { candidateFrom } from "./candidateFrom.js";
import type { GeneratedCode } from "./generators/CodeGenerator.js";
import type { LoopDeps } from "./LoopDeps.js";
import type { LoopSession } from "./LoopSession.js";
import { prepareInitialPrompt } from "./prepareInitialPrompt.js";
import { reviewCandidate } from "./reviewCandidate.js";
import { rebuildLoopState, type ResumePoint } from "./rebuildLoopState.js";
import { buildFixPrompt } from "./fixPrompt/buildFixPrompt.js";
import { loadFixPromptTemplate } from "./fixPrompt/loadFixPromptTemplate.js";

type Input = RunParsedInput<"conductor.loop">;
type Run = RunContext<"conductor.loop">;

/** One loop run: prompt → code → review → apply → tests → record, then a fix prompt until green or out of tries. */
export async function runLoop(deps: LoopDeps, input: Input, run: Run, session: LoopSession): Promise<LoopRunResult> {
  const cfg = deps.ctx.config.conductor;
  const project = resolveProject(input.project);
  const maxIterations = input.maxIterations ?? cfg.maxIterations;
  const state = rebuildLoopState(run.previous);
  run.setTitle(`Loop: ${input.task.split("\n")[0]!.slice(0, 80)}`);
  const stage = (s: LoopStage, message?: string): void => {
    session.stage = s;
    session.iteration = state.iteration;
    run.data("stage", { stage: s, iteration: state.iteration, ...(message ? { message } : {}) });
    run.progress(Math.min(0.99, (state.iteration - 1 + stageWeight(s)) / maxIterations), message ?? s.replace("_", " "));
  };
  const generator = deps.generator(input, { output: (chunk) => run.data("output", chunk) });
  session.generator = generator;
  const finish = (outcome: LoopOutcome, message: string): LoopRunResult => {
    const last = state.attempts.at(-1);
    stage("done", message);
    deps.toast({ level: outcome === "green" ? "success" : "warn", title: outcome === "green" ? "Tests passed — loop finished" : "Loop finished", message, runId: run.runId });
    return {
      runId: run.runId,
      outcome,
      iterations: state.attempts.length,
      reward: last?.reward?.reward ?? null,
      attempts: state.attempts.map((a) => ({ iteration: a.iteration, reward: a.reward?.reward ?? null, passed: a.tests?.passed ?? 0, failed: (a.tests?.failed ?? 0) + (a.tests?.errors ?? 0), files: a.files.map((f) => f.path) })),
      message,
    };
  };

  try {
    if (state.iteration === 0) {
      stage("describe", input.task.slice(0, 200));
      const prepared = await prepareInitialPrompt(deps, input, project, run, stage);
      state.explored = prepared.explored;
      state.models = prepared.models;
      state.iteration = 1;
      state.prompt = prepared.text;
      run.data("prompt", { iteration: 1, kind: "initial", text: prepared.text, tokens: Math.ceil(prepared.text.length / 4), copied: input.generator === "clipboard", cut: prepared.cut });
    } else {
      run.log("info", `resuming at iteration ${state.iteration} (${state.resume.at})`);
    }
    let resume: ResumePoint | undefined = state.resume;
    for (;;) {
      const attemptStart = Date.now();
      let candidate: Candidate;
      let awaitMs = 0;
      let answerText = "";
      let applyStep: { applyId: string | null; written: string[] } | undefined;
      if (resume?.at === "apply" || resume?.at === "test") {
        candidate = resume.candidate;
        if (resume.at === "test") applyStep = { applyId: resume.applyId, written: resume.written };
      } else {
        stage("await_code");
        const got = await awaitCode(deps, input, run, session, state.prompt, state.iteration, project);
        awaitMs = Date.now() - attemptStart;
        // A generator that failed (a CLI reporting an error, even with exit code 0) costs an attempt.
        const generatorFailed = async (reason: string, output: string): Promise<LoopRunResult | undefined> => {
          const attempt = buildAttempt({ run, input, project, iteration: state.iteration, prompt: state.prompt, answer: output, candidate: null, tests: null, models: state.models, awaitMs, testMs: 0, startedAt: attemptStart });
          record(deps, run, attempt, state.attempts);
          if (state.iteration >= maxIterations) return finish("iterations_exhausted", `the generator failed: ${reason}`);
          state.prompt = await nextPrompt(deps, input, run, state, stage, { failure: reason, testResult: null, candidate: null });
          return undefined;
        };
        if (got.kind === "failed") {
          const done = await generatorFailed(got.reason, got.output ?? "");
          if (done) return done;
          continue;
        }
        answerText = got.kind === "answer" ? got.text : "";
        stage("review");
        candidate = await candidateFrom(deps, got, project, state.iteration, run.signal);
        run.data("candidate", candidate);
        const files = candidate.plan.files.filter((f) => f.action !== "none");
        deps.toast({ level: "info", title: "Code detected", message: `${files.length} file(s): ${files.map((f) => f.path).slice(0, 4).join(", ")}`, runId: run.runId });
        run.data("review", { iteration: state.iteration, by: "validation", findings: candidate.plan.files.flatMap((f) => f.findings.map((x) => ({ severity: x.severity, message: `${f.path}:${x.line} ${x.message}` }))) });
        if (input.review ?? deps.ctx.config.conductor.review) {
          const review = await reviewCandidate(deps, input.task, candidate, run.signal, (m) => run.log("info", m));
          if (review) run.data("review", { iteration: state.iteration, ...review });
        }
        if (!candidate.preApplied && !files.some((f) => f.status === "ok" || f.status === "protected")) {
          if (generator.kind !== "clipboard") {
            // Asking a CLI or the models again with the same prompt would give the same: count it as failed.
            const done = await generatorFailed("the answer holds no file edit that can be applied", answerText);
            if (done) return done;
            continue;
          }
          run.log("warn", "the answer holds no file that can be applied; waiting for another answer");
          run.data("approval", { iteration: state.iteration, approved: false, by: "auto", reason: "nothing applicable" });
          continue;
        }
        if (!candidate.preApplied) {
          stage("approve");
          const decision = input.autoApprove
            ? ({ approved: true, approve: "all", confirmProtected: [] as string[], by: "auto" } as const)
            : (deps.toast({ level: "info", title: "Awaiting approval", message: `${files.length} file(s) — review the diff, then approve`, needsAction: true, runId: run.runId }),
              await session.awaitApproval(run.signal));
          run.data("approval", {
            iteration: state.iteration,
            approved: decision.approved,
            by: decision.by,
            ...(decision.approved ? { files: decision.approve, confirmProtected: decision.confirmProtected } : { reason: decision.reason }),
          });
          if (!decision.approved) continue; // back to waiting for another answer, same iteration
          resume = { at: "apply", candidate, approve: decision.approve, confirmProtected: decision.confirmProtected };
        }
      }
      if (!applyStep) {
        if (candidate.preApplied) applyStep = { applyId: null, written: candidate.plan.files.map((f) => f.path) };
        else if (run.previous.length && alreadyApplied(project, candidate.plan, resume?.at === "apply" ? resume.approve : "all")) {
          run.log("info", "the interrupted apply had been completed by its journal");
          applyStep = { applyId: null, written: candidate.plan.files.filter((f) => f.action !== "none").map((f) => f.path) };
        } else {
          stage("apply");
          const r = resume?.at === "apply" ? resume : { approve: "all" as const, confirmProtected: [] };
          const out = await deps.call("verify.apply", { planId: candidate.plan.planId, approve: r.approve, confirmProtected: r.confirmProtected }, run.signal);
          for (const s of out.skipped) run.log("warn", `not written: ${s.path} (${s.reason})`);
          applyStep = { applyId: out.applyId, written: out.written };
        }
        run.data("applied", { iteration: state.iteration, ...applyStep });
      }
      resume = undefined;
      stage("test");
      const testStart = Date.now();
      const tests = await runTests(deps, input, project, run, candidate, state.iteration);
      const testMs = Date.now() - testStart;
      run.data("tests", tests);
      stage("record");
      const attempt = buildAttempt({ run, input, project, iteration: state.iteration, prompt: state.prompt, answer: answerText, candidate, tests, models: state.models, awaitMs, testMs, startedAt: attemptStart });
      record(deps, run, attempt, state.attempts);
      const green = isGreen(tests);
      deps.toast({
        level: green ? "success" : "warn",
        title: green ? "Tests passed" : "Tests failed",
        message: `${tests.summary.passed}/${tests.summary.total} passed, reward ${tests.reward.reward.toFixed(2)}`,
        runId: run.runId,
      });
      if (green) return finish("green", `green after ${state.attempts.length} attempt(s), reward ${tests.reward.reward.toFixed(2)}`);
      const previous = state.attempts.at(-2);
      if (cfg.stopOnRepeatedFailure && previous?.tests && failureSignature(previous) === failureSignature(attempt))
        return finish("repeated_failure", `the same failure twice (${attempt.tests?.failing.map((f) => f.name).slice(0, 3).join(", ")}): stopped early`);
      if (state.iteration >= maxIterations) return finish("iterations_exhausted", `not green after ${maxIterations} attempt(s)`);
      state.prompt = await nextPrompt(deps, input, run, state, stage, { failure: null, testResult: tests, candidate });
    }
  } catch (e) {
    const err = toAppError(e);
    if (run.signal.aborted || err.code === ErrorCode.Cancelled) {
      deps.toast({ level: "warn", title: "Loop stopped", message: err.message, runId: run.runId });
    }
    throw err;
  } finally {
    generator.dispose();
  }
}

function stageWeight(s: LoopStage): number {
  const order: LoopStage[] = ["describe", "explore", "analyze", "prompt", "await_code", "review", "approve", "apply", "test", "record", "fix_prompt", "done"];
  return (order.indexOf(s) + 1) / order.length;
}

async function awaitCode(deps: LoopDeps, input: Input, run: Run, session: LoopSession, prompt: string, iteration: number, project: string): Promise<GeneratedCode> {
  session.prompt = prompt;
  const timeoutSec = input.awaitTimeoutSec ?? deps.ctx.config.conductor.awaitTimeoutSec;
  const signal = AbortSignal.any([run.signal, AbortSignal.timeout(timeoutSec * 1000)]);
  const generator = session.generator!;
  if (generator.kind === "clipboard") deps.toast({ level: "success", title: iteration === 1 ? "Prompt copied" : "Fix prompt copied", message: "Paste it into Cursor, then copy the answer.", runId: run.runId });
  try {
    return await generator.next({
      iteration,
      prompt,
      project,
      signal,
      onWaiting: (w) => run.data("awaiting", { iteration, generator: generator.kind, watch: w.watch, hint: w.hint }),
      onIgnored: (reason, bytes) => {
        run.log("debug", `ignored clipboard content (${bytes} bytes): ${reason}`);
        run.data("ignored", { reason, bytes });
      },
      log: (level, message) => run.log(level, message),
    });
  } catch (e) {
    if (!run.signal.aborted && signal.aborted) throw new AppError(ErrorCode.Timeout, `No code arrived within ${timeoutSec} s`);
    throw e;
  }
}

async function runTests(deps: LoopDeps, input: Input, project: string, run: Run, candidate: Candidate, iteration: number): Promise<TestRunResult> {
  const counts = validationCounts(candidate.plan.files.flatMap((x) => x.findings));
  const { result } = await deps.child(
    "verify.test",
    { project, ...(input.testCommand ? { command: input.testCommand } : {}), validation: counts, promptId: run.runId, attempt: iteration },
    run.signal,
    (e) => {
      if (e.type === "data" && e.channel === "output" && typeof e.data === "string") run.data("output", e.data);
    },
  );
  return result;
}

function record(deps: LoopDeps, run: Run, attempt: AttemptRecord, attempts: AttemptRecord[]): void {
  attempts.push(attempt);
  try {
    deps.attempts.save(attempt);
  } catch (e) {
    run.log("error", `could not store the attempt: ${(e as Error).message}`);
  }
  run.data("attempt", attempt);
  deps.ctx.bus.publish("conductor.attempt", attempt);
}

async function nextPrompt(
  deps: LoopDeps,
  input: Input,
  run: Run,
  state: { iteration: number; prompt: string; attempts: AttemptRecord[]; explored: Array<{ path: string }> },
  stage: (s: LoopStage, m?: string) => void,
  what: { failure: string | null; testResult: TestRunResult | null; candidate: Candidate | null },
): Promise<string> {
  stage("fix_prompt");
  const changed = what.candidate?.plan.files.filter((f) => f.action !== "none") ?? [];
  const fix = await buildFixPrompt(
    {
      // A generator that failed has no tests to show: its reason goes with the task.
      task: what.failure ? `${input.task.trim()}\n\nThe previous attempt produced no usable change: ${what.failure}` : input.task,
      attempt: state.iteration,
      files: changed.length ? changed.map((f) => f.path) : state.explored.slice(0, 3).map((f) => f.path),
      ...(changed.length ? { previousDiff: changed.map((f) => f.diff).join("\n") } : {}),
      ...(what.testResult ? { tests: what.testResult } : {}),
      ...(what.candidate ? { findings: what.candidate.plan.files.flatMap((f) => f.findings), matchFailures: what.candidate.plan.failures ?? [] } : {}),
    },
    { tokenBudget: deps.ctx.config.conductor.fixPromptTokens, template: loadFixPromptTemplate(deps.ctx.dataDir) },
  );
  if (fix.overBudget) run.log("warn", "the fix prompt is over its token budget even with every optional part cut");
  const known = what.testResult ? deps.knownErrors(what.testResult) : "";
  if (known) fix.text = `${fix.text.trimEnd()}\n\n${known}`;
  state.iteration += 1;
  run.data("prompt", { iteration: state.iteration, kind: "fix", text: fix.text, tokens: fix.tokens, copied: (input.generator ?? "clipboard") === "clipboard", cut: fix.cut });
  return fix.text;
}
