import type { StateCreator } from "zustand";
import type { BackendHealth, ModelInfo } from "../../../../shared/contract/models.js";
import type { AppState } from "../useAppStore.js";

export interface TestPromptState {
  modelId: string | null;
  prompt: string;
  /** The `models.chat` run whose tokens the panel shows (from the core slice's run events). */
  runId: string | null;
  error: string | null;
}

/** UI state of the Models view. Live token output is derived from `runEvents` (core slice). */
export interface ModelsSlice {
  models: ModelInfo[];
  backends: BackendHealth[];
  modelsLoading: boolean;
  modelsError: string | null;
  /** How long the last discovery took, ms. */
  modelsTookMs: number | null;
  /** Load/unload in flight per model id. */
  modelBusy: Record<string, "loading" | "unloading">;
  testPrompt: TestPromptState;
  setModelsList(list: { models: ModelInfo[]; backends?: BackendHealth[]; tookMs?: number }): void;
  applyBackendHealth(h: BackendHealth): void;
  setModelsLoading(loading: boolean): void;
  setModelsError(message: string | null): void;
  setModelBusy(modelId: string, state: "loading" | "unloading" | null): void;
  setTestPrompt(patch: Partial<TestPromptState>): void;
}

const sameBackend = (a: BackendHealth, b: BackendHealth): boolean => a.backend === b.backend && a.provider === b.provider;

export const createModelsSlice: StateCreator<AppState, [], [], ModelsSlice> = (set) => ({
  models: [],
  backends: [],
  modelsLoading: false,
  modelsError: null,
  modelsTookMs: null,
  modelBusy: {},
  testPrompt: { modelId: null, prompt: "Write a haiku about local models.", runId: null, error: null },
  setModelsList: ({ models, backends, tookMs }) =>
    set((s) => ({ models, ...(backends ? { backends } : {}), ...(tookMs !== undefined ? { modelsTookMs: tookMs } : {}), modelsError: null, testPrompt: s.testPrompt.modelId ? s.testPrompt : { ...s.testPrompt, modelId: models.find((m) => m.status !== "unavailable")?.id ?? null } })),
  applyBackendHealth: (h) => set((s) => ({ backends: s.backends.some((b) => sameBackend(b, h)) ? s.backends.map((b) => (sameBackend(b, h) ? h : b)) : [...s.backends, h] })),
  setModelsLoading: (modelsLoading) => set({ modelsLoading }),
  setModelsError: (modelsError) => set({ modelsError }),
  setModelBusy: (modelId, state) =>
    set((s) => {
      const next = { ...s.modelBusy };
      if (state) next[modelId] = state;
      else delete next[modelId];
      return { modelBusy: next };
    }),
  setTestPrompt: (patch) => set((s) => ({ testPrompt: { ...s.testPrompt, ...patch } })),
});
