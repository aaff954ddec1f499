import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the models capability: methods, topics and run kinds. Filled in by its issue.
void z;
void method;
void runKind;

export const modelsMethods = {} as const;
export const modelsTopics = {} as const;
export const modelsRunKinds = {} as const;
