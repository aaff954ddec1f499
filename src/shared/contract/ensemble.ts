import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the ensemble capability: methods, topics and run kinds. Filled in by its issue.
void z;
void method;
void runKind;

export const ensembleMethods = {} as const;
export const ensembleTopics = {} as const;
export const ensembleRunKinds = {} as const;
