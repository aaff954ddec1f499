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
});
export type ConfigEntry = z.infer<typeof ConfigEntry>;

export const configMethods = {
  "config.get": method(
    z.object({}).strict(),
    z.object({ config: z.record(z.string(), z.unknown()), file: z.string(), problems: z.array(z.string()) }),
    "Effective configuration.",
  ),
  "config.explain": method(
    z.object({}).strict(),
    z.object({ entries: z.array(ConfigEntry), file: z.string(), problems: z.array(z.string()) }),
    "Each effective value and where it came from.",
  ),
} as const;
