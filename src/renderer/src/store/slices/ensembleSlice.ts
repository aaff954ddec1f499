import type { StateCreator } from "zustand";
import type { EnsembleRunResult } from "../../../../shared/contract/ensemble.js";
import type { AppState } from "../useAppStore.js";

export interface EnsembleForm {
  task: string;
  /** Run a persona debate first. */
  debate: boolean;
  agents: string[];
  rounds: number;
  mode: "analysis" | "code";
  projectDir: string;
}

/** UI state of the Workflow view. Live run data is derived from `runEvents` (core slice); only the form and ids live here. */
export interface EnsembleSlice {
  ensembleForm: EnsembleForm;
  /** The run the Workflow view shows. */
  ensembleRunId: string | null;
  /** Final results fetched with runs.get (events may have been capped in long runs). */
  ensembleResults: Record<string, EnsembleRunResult>;
  ensembleError: string | null;
  setEnsembleForm(patch: Partial<EnsembleForm>): void;
  setEnsembleRun(runId: string | null): void;
  setEnsembleResult(runId: string, result: EnsembleRunResult): void;
  setEnsembleError(message: string | null): void;
}

export const createEnsembleSlice: StateCreator<AppState, [], [], EnsembleSlice> = (set) => ({
  ensembleForm: { task: "", debate: false, agents: ["architect", "coder", "tester", "reviewer"], rounds: 2, mode: "analysis", projectDir: "" },
  ensembleRunId: null,
  ensembleResults: {},
  ensembleError: null,
  setEnsembleForm: (patch) => set((s) => ({ ensembleForm: { ...s.ensembleForm, ...patch } })),
  setEnsembleRun: (runId) => set({ ensembleRunId: runId, ensembleError: null }),
  setEnsembleResult: (runId, result) => set((s) => ({ ensembleResults: { ...s.ensembleResults, [runId]: result } })),
  setEnsembleError: (message) => set({ ensembleError: message }),
});
