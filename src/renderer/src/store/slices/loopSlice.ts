import type { StateCreator } from "zustand";
import type { GeneratorKind } from "../../../../shared/contract/conductor.js";
import type { AppState } from "../useAppStore.js";

export interface LoopForm {
  generator: GeneratorKind;
  command: string;
  autoApprove: boolean;
  maxIterations: number;
  skipAnalysis: boolean;
}

/** UI state of the conductor loop in the Workflow view; live data is derived from `runEvents`. */
export interface LoopSlice {
  loopForm: LoopForm;
  /** The loop run the Workflow view shows. */
  loopRunId: string | null;
  loopError: string | null;
  setLoopForm(patch: Partial<LoopForm>): void;
  setLoopRun(runId: string | null): void;
  setLoopError(message: string | null): void;
}

export const createLoopSlice: StateCreator<AppState, [], [], LoopSlice> = (set) => ({
  loopForm: { generator: "clipboard", command: "", autoApprove: false, maxIterations: 3, skipAnalysis: false },
  loopRunId: null,
  loopError: null,
  setLoopForm: (patch) => set((s) => ({ loopForm: { ...s.loopForm, ...patch } })),
  setLoopRun: (runId) => set({ loopRunId: runId, loopError: null }),
  setLoopError: (message) => set({ loopError: message }),
});
