import { create } from "zustand";
import { createCoreSlice, type CoreSlice } from "./slices/coreSlice.js";
import { createEnsembleSlice, type EnsembleSlice } from "./slices/ensembleSlice.js";
import { createLoopSlice, type LoopSlice } from "./slices/loopSlice.js";
import { createLearningSlice, type LearningSlice } from "./slices/learningSlice.js";
import { createHistorySlice, type HistorySlice } from "./slices/historySlice.js";
import { createModelsSlice, type ModelsSlice } from "./slices/modelsSlice.js";
import { createProjectSlice, type ProjectSlice } from "./slices/projectSlice.js";
import { createVerifySlice, type VerifySlice } from "./slices/verifySlice.js";

export type AppState = CoreSlice & ModelsSlice & ProjectSlice & EnsembleSlice & VerifySlice & LoopSlice & LearningSlice & HistorySlice;

/** The one store of the renderer, built from slices (zustand slices pattern). */
export const useAppStore = create<AppState>()((...a) => ({
  ...createCoreSlice(...a),
  ...createModelsSlice(...a),
  ...createProjectSlice(...a),
  ...createEnsembleSlice(...a),
  ...createVerifySlice(...a),
  ...createLoopSlice(...a),
  ...createLearningSlice(...a),
  ...createHistorySlice(...a),
}));
