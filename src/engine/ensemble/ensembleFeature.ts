import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import type { ModelGateway } from "../inference/types.js";

/** Ensemble dispatch, consensus, debate, prompt generation. (Placeholder until the ensemble issue lands.) */
export function createEnsembleFeature(ctx: EngineContext, deps: { models: ModelGateway }): Feature {
  void ctx;
  void deps;
  return {};
}
