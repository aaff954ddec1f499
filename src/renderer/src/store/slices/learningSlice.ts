import type { StateCreator } from "zustand";
import type { LearningStatus, Pattern, PatternQuery, PatternStats, PatternSummary } from "../../../../shared/contract/learning.js";
import type { AppState } from "../useAppStore.js";

/** The Patterns and Learning views: the query form, the current page, the open pattern, stats and selector state. */
export interface LearningSlice {
  patternQuery: PatternQuery;
  patterns: PatternSummary[];
  patternsTotal: number;
  patternsCapped: boolean;
  patternDetail: Pattern | null;
  patternStats: PatternStats | null;
  learningStatus: LearningStatus | null;
  patternsBusy: boolean;
  patternsError: string | null;
  /** Last import/export/feedback outcome, shown under the toolbar. */
  patternsMessage: string | null;
  setPatternQuery(q: Partial<PatternQuery>): void;
  setPatterns(r: { patterns: PatternSummary[]; total: number; capped: boolean }): void;
  setPatternDetail(p: Pattern | null): void;
  setPatternStats(s: PatternStats | null): void;
  setLearningStatus(s: LearningStatus | null): void;
  setPatternsBusy(busy: boolean): void;
  setPatternsError(message: string | null): void;
  setPatternsMessage(message: string | null): void;
}

export const createLearningSlice: StateCreator<AppState, [], [], LearningSlice> = (set) => ({
  patternQuery: { limit: 50 },
  patterns: [],
  patternsTotal: 0,
  patternsCapped: false,
  patternDetail: null,
  patternStats: null,
  learningStatus: null,
  patternsBusy: false,
  patternsError: null,
  patternsMessage: null,
  setPatternQuery: (q) => set((s) => ({ patternQuery: { ...s.patternQuery, ...q } })),
  setPatterns: (r) => set({ patterns: r.patterns, patternsTotal: r.total, patternsCapped: r.capped }),
  setPatternDetail: (patternDetail) => set({ patternDetail }),
  setPatternStats: (patternStats) => set({ patternStats }),
  setLearningStatus: (learningStatus) => set({ learningStatus }),
  setPatternsBusy: (patternsBusy) => set({ patternsBusy }),
  setPatternsError: (patternsError) => set({ patternsError }),
  setPatternsMessage: (patternsMessage) => set({ patternsMessage }),
});
