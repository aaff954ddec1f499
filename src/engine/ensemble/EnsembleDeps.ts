import type { EngineContext } from "../EngineContext.js";
import type { ModelGateway } from "../inference/types.js";
import type { SelectionDecision } from "../../shared/contract/learning.js";
import type { Config } from "../config/ConfigSchema.js";
import type { ModelInfo } from "../inference/types.js";
import type { MemberWeights } from "./consensus/MemberWeights.js";
import type { DebateStore } from "./debate/DebateStore.js";
import type { TemplateStore } from "./prompt/TemplateStore.js";
import type { SelectOverrides, Selection } from "./selection/selectMembers.js";

/** Chooses a run's members (the learning capability's selector; plain selectMembers without it). */
export type SelectFn = (models: ModelInfo[], cfg: Config, overrides: SelectOverrides, context: { task?: string; runId?: string }) => Selection & { decision?: SelectionDecision };

/** What an ensemble run needs from the feature that owns it. */
export interface EnsembleDeps {
  ctx: EngineContext;
  gateway: ModelGateway;
  templates: TemplateStore;
  debates: DebateStore;
  weights: MemberWeights;
  select: SelectFn;
  /** Shipped personas.yaml. */
  shippedPersonas: string;
  /** Per live run: cancel one member by id. */
  memberCancels: Map<string, (memberId: string) => boolean>;
}
