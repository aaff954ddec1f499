import crypto from "node:crypto";
import type { Config } from "../config/ConfigSchema.js";

/** JSON with sorted keys, so the digest does not depend on key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * sha256 over the settings that change what a run does or what a bundle holds: backends, allow-net,
 * CodeBLEU, the selector and the export settings. Two runs with one digest ran under the same settings.
 */
export function configDigest(config: Config): string {
  const key = {
    backends: config.models.backends,
    allowlist: config.models.allowlist,
    forceModel: config.models.forceModel,
    allowNet: config.net.allowNet,
    codebleu: config.codebleu,
    selector: { policy: config.models.selectorPolicy, strict: config.models.selectorStrict, maxParallel: config.models.maxParallel },
    sampling: config.sampling,
    export: { privacy: config.insight.export.privacy, maxFileBytes: config.insight.export.maxFileBytes },
  };
  return crypto.createHash("sha256").update(canonical(key)).digest("hex");
}
