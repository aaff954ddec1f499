import type { StateCreator } from "zustand";
import type { HistoryRun, ImportedCase, KpiReport, RunDetail } from "../../../../shared/contract/insight.js";
import type { RunStatus } from "../../../../shared/contract/runs.js";
import type { AppState } from "../useAppStore.js";

export interface HistoryFilters {
  kind: string;
  status: RunStatus | "";
  project: string;
  /** yyyy-mm-dd or "" */
  from: string;
  to: string;
}

/** UI state of the History view: filters, the list, the open run (or imported case) and the replay step. */
export interface HistorySlice {
  historyFilters: HistoryFilters;
  historyRuns: HistoryRun[];
  historyKinds: string[];
  historyRetention: { keepRuns: number; keepExports: number } | null;
  historyCases: ImportedCase[];
  historyDetail: RunDetail | null;
  /** Index of the event the replay shows (-1: before the first). */
  historyStep: number;
  historyError: string | null;
  /** KPIs over the filtered period, for the charts. */
  historyKpis: KpiReport | null;
  setHistoryKpis(r: KpiReport | null): void;
  setHistoryFilter<K extends keyof HistoryFilters>(key: K, value: HistoryFilters[K]): void;
  setHistoryList(runs: HistoryRun[], kinds: string[], retention: { keepRuns: number; keepExports: number }): void;
  setHistoryCases(cases: ImportedCase[]): void;
  /** Open a run or case; the replay starts at its last event (the recorded end state). */
  setHistoryDetail(d: RunDetail | null): void;
  setHistoryStep(step: number): void;
  setHistoryError(message: string | null): void;
}

export const emptyHistoryFilters: HistoryFilters = { kind: "", status: "", project: "", from: "", to: "" };

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set) => ({
  historyFilters: emptyHistoryFilters,
  historyRuns: [],
  historyKinds: [],
  historyRetention: null,
  historyCases: [],
  historyDetail: null,
  historyStep: -1,
  historyError: null,
  historyKpis: null,
  setHistoryKpis: (r) => set({ historyKpis: r }),
  setHistoryFilter: (key, value) => set((s) => ({ historyFilters: { ...s.historyFilters, [key]: value } })),
  setHistoryList: (runs, kinds, retention) => set({ historyRuns: runs, historyKinds: kinds, historyRetention: retention }),
  setHistoryCases: (cases) => set({ historyCases: cases }),
  setHistoryDetail: (d) => set({ historyDetail: d, historyStep: d ? d.events.length - 1 : -1, historyError: null }),
  setHistoryStep: (step) => set((s) => ({ historyStep: Math.max(-1, Math.min(step, (s.historyDetail?.events.length ?? 0) - 1)) })),
  setHistoryError: (message) => set({ historyError: message }),
});
