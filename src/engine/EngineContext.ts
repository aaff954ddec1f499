import type Database from "better-sqlite3";
import type { Notice } from "../shared/contract/system.js";
import type { Config } from "./config/ConfigSchema.js";
import type { LoadedConfig } from "./config/loadConfig.js";
import type { Ports } from "./ports.js";
import type { RunManager } from "./runs/RunManager.js";
import type { Logger } from "./util/createLogger.js";
import type { EventBus } from "./util/EventBus.js";

/** What every capability gets from the engine host. Capabilities never create these themselves. */
export interface EngineContext {
  config: Config;
  configInfo: LoadedConfig;
  ports: Ports;
  dataDir: string;
  /** The app database. When `dbReadOnly`, writes throw: check it before writing. */
  db: Database.Database;
  dbReadOnly: boolean;
  bus: EventBus;
  runs: RunManager;
  logger: Logger;
  /** Tell the user something (in-app toast via `system.notice`; kept for `system.notices`). */
  notify(notice: Omit<Notice, "at">): void;
}
