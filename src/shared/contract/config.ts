import { z } from "zod";
import { method } from "./defineContract.js";

export const ConfigSource = z.enum(["default", "file", "env"]);
export type ConfigSource = z.infer<typeof ConfigSource>;

export const ConfigEntry = z.object({
  key: z.string(),
  value: z.unknown(),
  source: ConfigSource,
  /** The env var or file that set it, when not a default. */
  origin: z.string().optional(),
  /** What kind of value the key takes, for an editor: scalar kinds, `enum` (see `choices`) or `json` (lists, objects). */
  kind: z.enum(["boolean", "number", "string", "enum", "json"]).optional(),
  choices: z.array(z.string()).optional(),
  /** `null` is a valid value (usually "not set / automatic"). */
  nullable: z.boolean().optional(),
  /** The environment variable that overrides this key, if any. While it is set, the key cannot be edited. */
  env: z.string().optional(),
});
export type ConfigEntry = z.infer<typeof ConfigEntry>;

const Explained = z.object({ entries: z.array(ConfigEntry), file: z.string(), problems: z.array(z.string()) });

export const configMethods = {
  "config.get": method(
    z.object({}).strict(),
    z.object({ config: z.record(z.string(), z.unknown()), file: z.string(), problems: z.array(z.string()) }),
    "Effective configuration.",
  ),
  "config.explain": method(z.object({}).strict(), Explained, "Each effective value and where it came from."),
  "config.set": method(
    z
      .object({
        /** Dotted key as listed by `config.explain`, e.g. `models.maxParallel`. */
        key: z.string().min(1),
        /** The new value; validated by the same schema as config.yaml. */
        value: z.unknown().optional(),
        /** Remove the key from config.yaml, so its default applies again. */
        reset: z.boolean().optional(),
      })
      .strict(),
    Explained.extend({
      /** Whether the new value only takes effect after a restart (backends, server, scheduler). */
      restartNeeded: z.boolean(),
    }),
    "Change one setting in config.yaml (comments and order kept); refused with the key's reason when invalid or set by an environment variable.",
  ),
} as const;
