import type { StateCreator } from "zustand";
import type { ApplyPlan, ApplyResult, TestRunResult } from "../../../../shared/contract/verify.js";
import type { AppState } from "../useAppStore.js";

/**
 * UI state of the review and test panes. Live test-run data is derived from `runEvents` (core slice); only
 * ids, the plan under review and the user's choices live here.
 */
export interface VerifySlice {
  /** Project folder the panel works on (falls back to the workflow form's folder). */
  verifyProject: string;
  verifyAnswer: string;
  verifyPlan: ApplyPlan | null;
  /** The result of applying the plan under review; the plan stays on screen with it until the next review. */
  verifyPlanResult: ApplyResult | null;
  /** Path → approved for writing. */
  verifyApprovals: Record<string, boolean>;
  /** Path → separately confirmed (protected paths only). */
  verifyProtectedOk: Record<string, boolean>;
  verifyBusy: "plan" | "apply" | "undo" | "consent" | null;
  verifyError: string | null;
  verifyLastApply: ApplyResult | null;
  verifyTestRunId: string | null;
  /** Final results fetched with runs.get, by run id. */
  verifyTestResults: Record<string, TestRunResult>;
  setVerifyProject(project: string): void;
  setVerifyAnswer(text: string): void;
  /** Show a plan; every `ok` file starts approved, protected ones unconfirmed. */
  setVerifyPlan(plan: ApplyPlan | null): void;
  setVerifyApproval(path: string, approved: boolean): void;
  setVerifyAllApprovals(approved: boolean): void;
  setVerifyProtectedOk(path: string, ok: boolean): void;
  setVerifyBusy(busy: VerifySlice["verifyBusy"]): void;
  setVerifyError(message: string | null): void;
  setVerifyLastApply(a: ApplyResult | null): void;
  setVerifyPlanResult(r: ApplyResult | null): void;
  setVerifyTestRun(runId: string | null): void;
  setVerifyTestResult(runId: string, r: TestRunResult): void;
}

export const createVerifySlice: StateCreator<AppState, [], [], VerifySlice> = (set) => ({
  verifyProject: "",
  verifyAnswer: "",
  verifyPlan: null,
  verifyPlanResult: null,
  verifyApprovals: {},
  verifyProtectedOk: {},
  verifyBusy: null,
  verifyError: null,
  verifyLastApply: null,
  verifyTestRunId: null,
  verifyTestResults: {},
  setVerifyProject: (verifyProject) => set({ verifyProject }),
  setVerifyAnswer: (verifyAnswer) => set({ verifyAnswer }),
  setVerifyPlan: (plan) =>
    set({
      verifyPlan: plan,
      verifyPlanResult: null,
      verifyApprovals: Object.fromEntries((plan?.files ?? []).map((f) => [f.path, f.status === "ok" && f.action !== "none"])),
      verifyProtectedOk: {},
      verifyError: null,
    }),
  setVerifyApproval: (path, approved) => set((s) => ({ verifyApprovals: { ...s.verifyApprovals, [path]: approved } })),
  setVerifyAllApprovals: (approved) =>
    set((s) => ({ verifyApprovals: Object.fromEntries((s.verifyPlan?.files ?? []).map((f) => [f.path, approved && f.status !== "rejected" && f.action !== "none"])) })),
  setVerifyProtectedOk: (path, ok) => set((s) => ({ verifyProtectedOk: { ...s.verifyProtectedOk, [path]: ok } })),
  setVerifyBusy: (verifyBusy) => set({ verifyBusy }),
  setVerifyError: (verifyError) => set({ verifyError }),
  setVerifyLastApply: (verifyLastApply) => set({ verifyLastApply }),
  setVerifyPlanResult: (verifyPlanResult) => set({ verifyPlanResult }),
  setVerifyTestRun: (verifyTestRunId) => set({ verifyTestRunId, verifyError: null }),
  setVerifyTestResult: (runId, r) => set((s) => ({ verifyTestResults: { ...s.verifyTestResults, [runId]: r } })),
});
