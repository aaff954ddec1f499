import type { StateCreator } from "zustand";
import type { AppState } from "../useAppStore.js";

/** UI state of the models capability. (Filled in by its issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModelsSlice {}

export const createModelsSlice: StateCreator<AppState, [], [], ModelsSlice> = () => ({});
