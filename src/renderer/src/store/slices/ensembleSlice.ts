import type { StateCreator } from "zustand";
import type { AppState } from "../useAppStore.js";

/** UI state of the ensemble capability. (Filled in by its issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EnsembleSlice {}

export const createEnsembleSlice: StateCreator<AppState, [], [], EnsembleSlice> = () => ({});
