import type { StateCreator } from "zustand";
import type { AppState } from "../useAppStore.js";

/** UI state of the verify capability. (Filled in by its issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VerifySlice {}

export const createVerifySlice: StateCreator<AppState, [], [], VerifySlice> = () => ({});
