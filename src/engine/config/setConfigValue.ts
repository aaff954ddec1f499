import fs from "node:fs";
import YAML from "yaml";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { ConfigSchema } from "./ConfigSchema.js";
import { describeKey } from "./describeKey.js";
import { loadConfig, type LoadedConfig } from "./loadConfig.js";
import { writeConfigKey } from "./writeConfigKey.js";

/** Keys read once when the engine starts (backends, scheduler, server): a new value needs a restart. */
const LIVE_MODELS_KEYS = new Set(["models.forceModel", "models.winnerModel", "models.selectorPolicy", "models.selectorStrict"]);
export function needsRestart(key: string): boolean {
  return key.startsWith("server.") || (key.startsWith("models.") && !LIVE_MODELS_KEYS.has(key));
}

/**
 * Change one setting in config.yaml and return the configuration reloaded from disk. Refuses, with the key's
 * reason and nothing written: unknown keys, keys an environment variable sets, values the schema rejects,
 * and values carrying a masked secret ("***") that would overwrite the real one.
 */
export function setConfigValue(current: LoadedConfig, dataDir: string, change: { key: string; value?: unknown; reset?: boolean }): LoadedConfig {
  const { key } = change;
  if (!describeKey(key)) throw new AppError(ErrorCode.InvalidInput, `"${key}" is not a known setting`, { details: { key } });
  const entry = current.entries.find((e) => e.key === key);
  if (entry?.source === "env") {
    throw new AppError(ErrorCode.Conflict, `"${key}" is set by the environment variable ${entry.origin ?? "?"}; change or unset it there`, { details: { key, env: entry.origin } });
  }
  if (change.reset) {
    writeConfigKey(current.file, key, undefined);
    return loadConfig(dataDir, current.env);
  }
  if (change.value === undefined) throw new AppError(ErrorCode.InvalidInput, `"${key}": give a value, or reset it`, { details: { key } });
  if (JSON.stringify(change.value).includes('"***"')) {
    throw new AppError(ErrorCode.InvalidInput, `"${key}" contains a masked secret ("***"); edit API keys in ${current.file} itself`, { details: { key } });
  }
  const reason = rejectReason(current.file, key, change.value);
  if (reason) throw new AppError(ErrorCode.InvalidInput, `"${key}" ${reason}`, { details: { key, reason } });
  writeConfigKey(current.file, key, change.value);
  return loadConfig(dataDir, current.env);
}

/** The schema's complaint about `key` once `value` is in the file, or null. Other (older) bad keys are not this change's business. */
function rejectReason(file: string, key: string, value: unknown): string | null {
  const doc = YAML.parseDocument(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  doc.setIn(key.split("."), value);
  const r = ConfigSchema.safeParse(doc.toJS() ?? {});
  if (r.success) return null;
  const parts = key.split(".");
  const mine = r.error.issues.find((i) => parts.every((p, n) => String(i.path[n]) === p));
  if (!mine) return null;
  const below = mine.path.slice(parts.length).map(String).join(".");
  return below ? `${below}: ${mine.message}` : mine.message;
}
