import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import type { ModelGateway } from "../inference/types.js";

export interface ModelsFeature extends Feature {
  gateway: ModelGateway;
}

/** Local models: discovery, providers, scheduler. (Placeholder until the models issue lands.) */
export function createModelsFeature(ctx: EngineContext): ModelsFeature {
  void ctx;
  return {
    gateway: {
      listModels: async () => [],
      generate: async () => {
        throw new AppError(ErrorCode.Unavailable, "No model backends are available yet");
      },
    },
  };
}
