import type { AppError } from "../../../../shared/contract/errors.js";
import { parseRunResult } from "../../../../shared/rpc/runToCompletion.js";
import { call } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";
import { selectApproved } from "./selectApproved.js";

const state = () => useAppStore.getState();

/** The folder the panel works on: its own field, else the workflow form's project folder. */
export function currentProject(): string {
  const s = state();
  return (s.verifyProject || s.ensembleForm.projectDir).trim();
}

async function busy<T>(kind: NonNullable<ReturnType<typeof state>["verifyBusy"]>, fn: () => Promise<T>): Promise<T | undefined> {
  state().setVerifyBusy(kind);
  state().setVerifyError(null);
  try {
    return await fn();
  } catch (e) {
    state().setVerifyError((e as AppError).message);
    return undefined;
  } finally {
    state().setVerifyBusy(null);
  }
}

/** Read the pasted answer (or the clipboard through the engine) into a reviewable plan. */
export async function planAnswer(fromClipboard = false): Promise<void> {
  const project = currentProject();
  if (!project) return state().setVerifyError("Choose a project folder first");
  const text = state().verifyAnswer;
  await busy("plan", async () => {
    const plan = await call("verify.plan", fromClipboard ? { project, fromClipboard: true } : { project, text });
    state().setVerifyPlan(plan);
  });
}

/** Write the approved files; the plan is kept (with its diffs) until the user clears it. */
export async function applySelected(): Promise<void> {
  const s = state();
  if (!s.verifyPlan) return;
  const sel = selectApproved(s.verifyPlan, s.verifyApprovals, s.verifyProtectedOk);
  if (!sel.approve.length) return s.setVerifyError("Nothing approved");
  await busy("apply", async () => {
    const r = await call("verify.apply", { planId: s.verifyPlan!.planId, approve: sel.approve, confirmProtected: sel.confirmProtected });
    state().setVerifyLastApply(r);
    // The reviewed plan stays visible, now showing what was written and what was skipped.
    state().setVerifyPlanResult(r);
    state().pushToast({ level: "success", title: `Applied ${r.written.length} file(s)`, message: r.written.join(", ") });
  });
}

export function rejectPlan(): void {
  state().setVerifyPlan(null);
}

export async function undoLast(force = false): Promise<void> {
  const project = currentProject();
  if (!project) return;
  await busy("undo", async () => {
    const r = await call("verify.undo", { project, ...(force ? { force } : {}) });
    state().setVerifyLastApply(null);
    state().pushToast({ level: "info", title: "Undone", message: `${r.restored.length} file(s) restored` });
  });
}

export async function runTests(options: { acceptTestChanges?: boolean } = {}): Promise<void> {
  const project = currentProject();
  if (!project) return state().setVerifyError("Choose a project folder first");
  try {
    const { runId } = await call("runs.start", { kind: "verify.test", input: { project, ...options } });
    state().setVerifyTestRun(runId);
  } catch (e) {
    state().setVerifyError((e as Error).message);
  }
}

/** Record the user's explicit consent to run this project's tests unsandboxed, then run them. */
export async function consentAndRun(): Promise<void> {
  const project = currentProject();
  const ok = await busy("consent", async () => call("verify.consent", { project, grant: true }));
  if (ok) await runTests();
}

export async function fetchTestResult(runId: string): Promise<void> {
  const r = await call("runs.get", { runId });
  const result = parseRunResult("verify.test", r.result);
  if (result) state().setVerifyTestResult(runId, result);
}
