export { createEngine, type Engine, type CreateEngineOptions } from "./createEngine.js";
export { loadConfig, type LoadedConfig } from "./config/loadConfig.js";
export { defaultConfig, type Config } from "./config/ConfigSchema.js";
export { inertPorts, type Ports } from "./ports.js";
export { resolveDataDir } from "./config/resolveDataDir.js";
export { APP_VERSION } from "./version.js";
