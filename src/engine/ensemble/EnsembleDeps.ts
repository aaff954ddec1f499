import type { EngineContext } from "../EngineContext.js";
import type { ModelGateway } from "../inference/types.js";
import type { MemberWeights } from "./consensus/MemberWeights.js";
import type { DebateStore } from "./debate/DebateStore.js";
import type { TemplateStore } from "./prompt/TemplateStore.js";

/** What an ensemble run needs from the feature that owns it. */
export interface EnsembleDeps {
  ctx: EngineContext;
  gateway: ModelGateway;
  templates: TemplateStore;
  debates: DebateStore;
  weights: MemberWeights;
  /** Shipped personas.yaml. */
  shippedPersonas: string;
  /** Per live run: cancel one member by id. */
  memberCancels: Map<string, (memberId: string) => boolean>;
}
