import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";

/** Validation, safe apply, sandboxed tests, reward. (Placeholder until the verify issue lands.) */
export function createVerifyFeature(ctx: EngineContext): Feature {
  void ctx;
  return {};
}
