import { z } from "zod";
import { method, runKind } from "./defineContract.js";

// Contract of the verify capability: methods, topics and run kinds. Filled in by its issue.
void z;
void method;
void runKind;

export const verifyMethods = {} as const;
export const verifyTopics = {} as const;
export const verifyRunKinds = {} as const;
