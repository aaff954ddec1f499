import type { StateCreator } from "zustand";
import type { AppState } from "../useAppStore.js";

/** UI state of the project capability. (Filled in by its issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProjectSlice {}

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = () => ({});
