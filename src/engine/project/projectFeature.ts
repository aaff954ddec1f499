import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";

/** Project analysis, rules, proposals. (Placeholder until the project issue lands.) */
export function createProjectFeature(ctx: EngineContext): Feature {
  void ctx;
  return {};
}
