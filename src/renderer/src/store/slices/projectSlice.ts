import type { StateCreator } from "zustand";
import type { AnalyzeSummary, PlannedFile, RulesFormat } from "../../../../shared/contract/project.js";
import type { AppState } from "../useAppStore.js";

export interface RecentProject {
  root: string;
  outDir: string;
  analyzedAt: number;
}

/** UI state of the Project view. Live progress is derived from the core slice's run events by run id. */
export interface ProjectSlice {
  /** Folder typed by the user (the renderer cannot browse the disk in web mode). */
  projectPath: string;
  recentProjects: RecentProject[];
  summary: AnalyzeSummary | null;
  analyzeRunId: string | null;
  rulesRunId: string | null;
  proposeRunId: string | null;
  rulesFormat: RulesFormat;
  rulesForce: boolean;
  /** The dry-run plan shown as diffs before writing, and whether it has been written since. */
  rulesPlan: { files: PlannedFile[]; written: boolean } | null;
  proposeGoal: string;
  proposal: { path: string; text: string; usedModel?: string } | null;
  projectError: string | null;
  setProjectPath(path: string): void;
  setRecentProjects(list: RecentProject[]): void;
  setSummary(summary: AnalyzeSummary | null): void;
  setProjectRun(kind: "analyze" | "rules" | "propose", runId: string | null): void;
  setRulesOptions(patch: { rulesFormat?: RulesFormat; rulesForce?: boolean }): void;
  setRulesPlan(plan: ProjectSlice["rulesPlan"]): void;
  setProposeGoal(goal: string): void;
  setProposal(p: ProjectSlice["proposal"]): void;
  setProjectError(message: string | null): void;
}

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set) => ({
  projectPath: "",
  recentProjects: [],
  summary: null,
  analyzeRunId: null,
  rulesRunId: null,
  proposeRunId: null,
  rulesFormat: "mdc+agents",
  rulesForce: false,
  rulesPlan: null,
  proposeGoal: "",
  proposal: null,
  projectError: null,
  setProjectPath: (projectPath) => set({ projectPath }),
  setRecentProjects: (recentProjects) => set({ recentProjects }),
  // A new analysis invalidates plans and proposals made from the previous one.
  setSummary: (summary) => set({ summary, rulesPlan: null, proposal: null }),
  setProjectRun: (kind, runId) => set(kind === "analyze" ? { analyzeRunId: runId } : kind === "rules" ? { rulesRunId: runId } : { proposeRunId: runId }),
  setRulesOptions: (patch) => set({ ...patch, rulesPlan: null }),
  setRulesPlan: (rulesPlan) => set({ rulesPlan }),
  setProposeGoal: (proposeGoal) => set({ proposeGoal }),
  setProposal: (proposal) => set({ proposal }),
  setProjectError: (projectError) => set({ projectError }),
});
