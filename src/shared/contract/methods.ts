import type { z } from "zod";
import { conductorMethods, conductorRunKinds } from "./conductor.js";
import { configMethods } from "./config.js";
import { insightMethods } from "./insight.js";
import { ensembleMethods, ensembleRunKinds } from "./ensemble.js";
import { learningMethods, learningRunKinds } from "./learning.js";
import { modelsMethods, modelsRunKinds } from "./models.js";
import { projectMethods, projectRunKinds } from "./project.js";
import { runsMethods } from "./runs.js";
import { systemMethods, systemRunKinds } from "./system.js";
import { verifyMethods, verifyRunKinds } from "./verify.js";

/** Every request→response method of the app, `"namespace.verb"` → schemas. */
export const methods = {
  ...systemMethods,
  ...configMethods,
  ...runsMethods,
  ...modelsMethods,
  ...projectMethods,
  ...ensembleMethods,
  ...verifyMethods,
  ...conductorMethods,
  ...learningMethods,
  ...insightMethods,
} as const;

/** Every kind of long work `runs.start` accepts. */
export const runKinds = {
  ...systemRunKinds,
  ...modelsRunKinds,
  ...projectRunKinds,
  ...ensembleRunKinds,
  ...verifyRunKinds,
  ...conductorRunKinds,
  ...learningRunKinds,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]["input"]>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]["output"]>;
export type RunKinds = typeof runKinds;
export type RunKindName = keyof RunKinds;
export type RunInput<K extends RunKindName> = z.input<RunKinds[K]["input"]>;
/** Input as the handler receives it (defaults applied). */
export type RunParsedInput<K extends RunKindName> = z.output<RunKinds[K]["input"]>;
export type RunResult<K extends RunKindName> = z.output<RunKinds[K]["result"]>;
export type RunChannels<K extends RunKindName> = RunKinds[K]["data"];
export type RunChannelName<K extends RunKindName> = keyof RunChannels<K> & string;
export type RunChannelData<K extends RunKindName, C extends RunChannelName<K>> = z.output<RunChannels<K>[C]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
export function isRunKind(name: string): name is RunKindName {
  return Object.prototype.hasOwnProperty.call(runKinds, name);
}
