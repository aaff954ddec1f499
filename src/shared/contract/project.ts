import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the project capability: methods, topics and run kinds. Filled in by its issue.
void z;
void method;
void runKind;

export const projectMethods = {} as const;
export const projectTopics = {} as const;
export const projectRunKinds = {} as const;
