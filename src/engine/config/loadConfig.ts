import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { ConfigEntry, ConfigSource } from "../../shared/contract/config.js";
import { ConfigSchema, defaultConfig, type Config } from "./ConfigSchema.js";
import { describeKey } from "./describeKey.js";
import { envOverrides } from "./envOverrides.js";

export interface LoadedConfig {
  config: Config;
  /** Every leaf key with its effective value and source. */
  entries: ConfigEntry[];
  /** Human messages naming each bad key and what is wrong; those keys fall back. */
  problems: string[];
  file: string;
  /** The override variables that were read (name → raw value), so a reload sees the same environment. */
  env: Record<string, string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function setPath(o: Obj, key: string, value: unknown): void {
  const parts = key.split(".");
  let cur = o;
  for (const p of parts.slice(0, -1)) {
    if (!isObj(cur[p])) cur[p] = {};
    cur = cur[p] as Obj;
  }
  cur[parts[parts.length - 1]!] = value;
}
function deletePath(o: Obj, parts: string[]): void {
  let cur: unknown = o;
  for (const p of parts.slice(0, -1)) cur = isObj(cur) ? cur[p] : undefined;
  if (isObj(cur)) delete cur[parts[parts.length - 1]!];
}
function leaves(o: Obj, prefix = ""): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObj(v)) out.push(...leaves(v, key));
    else out.push([key, v]);
  }
  return out;
}

/** Keys present in a user object (file or env layer), as dotted leaf paths, stopping at arrays. */
function presentKeys(o: Obj, prefix = ""): Set<string> {
  const s = new Set<string>();
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObj(v)) for (const x of presentKeys(v, key)) s.add(x);
    else s.add(key);
  }
  return s;
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

/**
 * config.yaml (in `dataDir`) merged over defaults, then env overrides. Never throws for bad content: each
 * bad key is reported in `problems` and falls back to its default, so the app always starts.
 */
export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const file = path.join(dataDir, "config.yaml");
  const problems: string[] = [];
  let fileLayer: Obj = {};
  if (fs.existsSync(file)) {
    try {
      const doc = YAML.parse(fs.readFileSync(file, "utf8")) as unknown;
      if (doc === null || doc === undefined) fileLayer = {};
      else if (isObj(doc)) fileLayer = doc;
      else problems.push(`${file}: expected a mapping of settings at the top level; using defaults.`);
    } catch (e) {
      problems.push(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]}); using defaults.`);
    }
  }

  const envLayer: Obj = {};
  const envOrigin = new Map<string, string>();
  const envUsed: Record<string, string> = {};
  for (const o of envOverrides) {
    const raw = env[o.env];
    if (raw === undefined) continue;
    envUsed[o.env] = raw;
    try {
      setPath(envLayer, o.key, o.parse(raw));
      envOrigin.set(o.key, o.env);
    } catch (e) {
      problems.push(`${o.env}: ${(e as Error).message}; ignored.`);
    }
  }

  // Validate layer by layer, dropping offending keys, so one bad key never discards the rest.
  const validFile = dropInvalid(fileLayer, {}, (key, msg) => problems.push(`${file}: "${key}" ${msg}; using the default.`));
  const validEnv = dropInvalid(envLayer, validFile, (key, msg) =>
    problems.push(`${envOrigin.get(key) ?? key}: "${key}" ${msg}; ignored.`),
  );
  const config = ConfigSchema.parse(deepMerge(validFile, validEnv));

  const fromFile = presentKeys(validFile);
  const fromEnv = presentKeys(validEnv);
  const envVar = new Map(envOverrides.map((o) => [o.key, o.env]));
  const entries: ConfigEntry[] = leaves(config as unknown as Obj).map(([key, value]) => {
    const source: ConfigSource = fromEnv.has(key) ? "env" : fromFile.has(key) ? "file" : "default";
    return {
      key,
      value: maskSecrets(key, value),
      source,
      ...(source === "env" ? { origin: envOrigin.get(key) } : source === "file" ? { origin: file } : {}),
      ...describeKey(key),
      ...(envVar.has(key) ? { env: envVar.get(key) } : {}),
    };
  });
  return { config, entries, problems, file, env: envUsed };
}

const SECRET_KEY = /(apiKey|token|secret|password)$/i;

/** Secrets never leave the engine through explanations or exports, however deep they sit. */
export function maskSecrets(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return value ? "***" : value;
  if (Array.isArray(value)) return value.map((v) => maskSecrets("", v));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(k, v)]));
  return value;
}

function dropInvalid(layer: Obj, base: Obj, report: (key: string, msg: string) => void): Obj {
  const work = structuredClone(layer);
  // Unknown keys are typos more often than not: say so instead of ignoring them silently.
  const known = new Set(leaves(defaultConfig() as unknown as Obj).map(([k]) => k));
  for (const key of presentKeys(work)) {
    if (!known.has(key) && ![...known].some((k) => k.startsWith(`${key}.`))) {
      report(key, "is not a known setting");
      deletePath(work, key.split("."));
    }
  }
  for (let i = 0; i < 50; i++) {
    const r = ConfigSchema.safeParse(deepMerge(base, work));
    if (r.success) return work;
    for (const issue of r.error.issues) {
      // Inside an array or tuple the whole list falls back, not one element.
      const cut = issue.path.findIndex((p) => typeof p === "number");
      const keyPath = (cut === -1 ? issue.path : issue.path.slice(0, cut)).map(String);
      report(keyPath.join(".") || "(root)", issue.message);
      deletePath(work, keyPath);
    }
  }
  return {};
}

