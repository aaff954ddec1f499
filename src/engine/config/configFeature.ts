import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import { maskSecrets, type LoadedConfig } from "./loadConfig.js";
import { needsRestart, setConfigValue } from "./setConfigValue.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Copy `next` into `target` keeping object identity, so capabilities holding `ctx.config` see new values. */
function assignDeep(target: Obj, next: Obj): void {
  for (const [k, v] of Object.entries(next)) {
    if (isObj(v) && isObj(target[k])) assignDeep(target[k], v);
    else target[k] = v;
  }
}

/**
 * Settings as a capability: the effective values with their sources (`config.get`, `config.explain`) and
 * editing one key (`config.set`), written back to config.yaml and applied to the running engine where it
 * is read per use (new runs); the rest say they need a restart.
 */
export function createConfigFeature(ctx: EngineContext): Feature {
  const info = (): LoadedConfig => ctx.configInfo;
  return {
    handlers: {
      "config.get": async () => ({ config: maskSecrets("", ctx.config) as Record<string, unknown>, file: info().file, problems: info().problems }),
      "config.explain": async () => ({ entries: info().entries, file: info().file, problems: info().problems }),
      "config.set": async (change) => {
        const next = setConfigValue(info(), ctx.dataDir, change);
        assignDeep(ctx.config as unknown as Obj, next.config as unknown as Obj);
        Object.assign(ctx.configInfo, { ...next, config: ctx.config });
        ctx.logger.info({ key: change.key, reset: change.reset ?? false }, "setting changed");
        return { entries: next.entries, file: next.file, problems: next.problems, restartNeeded: needsRestart(change.key) };
      },
    },
  };
}
