import { z } from "zod";
import { ModelsSection } from "./sections/models.js";
import { ProjectSection } from "./sections/project.js";
import { SamplingSection } from "./sections/sampling.js";
import { NetSection } from "./sections/net.js";
import { LearningSection } from "./sections/learning.js";
import { CodebleuSection } from "./sections/codebleu.js";
import { EnsembleSection } from "./sections/ensemble.js";
import { SandboxSection } from "./sections/sandbox.js";
import { VerifySection } from "./sections/verify.js";
import { ServerSection } from "./sections/server.js";
import { UiSection } from "./sections/ui.js";
import { ConductorSection } from "./sections/conductor.js";
import { InsightSection } from "./sections/insight.js";

/** The whole configuration. Every field has a default, so `{}` is a valid config.yaml. Sections live in ./sections. */
export const ConfigSchema = z.object({
  models: ModelsSection,
  project: ProjectSection,
  sampling: SamplingSection,
  net: NetSection,
  learning: LearningSection,
  codebleu: CodebleuSection,
  ensemble: EnsembleSection,
  sandbox: SandboxSection,
  verify: VerifySection,
  server: ServerSection,
  ui: UiSection,
  conductor: ConductorSection,
  insight: InsightSection,
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** The defaults, as a full config. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
