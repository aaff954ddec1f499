import type { ConfigEntry } from "../../shared/contract/config.js";
import { ConfigSchema } from "./ConfigSchema.js";

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; shape?: Record<string, ZodLike>; entries?: Record<string, string> } };
}
const WRAPPERS = new Set(["default", "prefault", "optional", "catch", "readonly"]);

/** The schema node of a dotted key, or undefined when the key is not a setting. */
function nodeAt(key: string): { node: ZodLike; nullable: boolean } | undefined {
  let node = ConfigSchema as unknown as ZodLike;
  let nullable = false;
  const unwrap = (): void => {
    for (;;) {
      const d = node._zod.def;
      if (d.type === "nullable") nullable = true;
      else if (!WRAPPERS.has(d.type)) return;
      node = d.innerType!;
    }
  };
  for (const part of key.split(".")) {
    unwrap();
    const child = node._zod.def.type === "object" ? (node as unknown as { shape: Record<string, ZodLike> }).shape[part] : undefined;
    if (!child) return undefined;
    node = child;
    nullable = false;
  }
  unwrap();
  return { node, nullable };
}

/** The editor shape of a leaf key (kind, choices, nullable), read from the zod schema; undefined for unknown keys. */
export function describeKey(key: string): Pick<ConfigEntry, "kind" | "choices" | "nullable"> | undefined {
  const at = nodeAt(key);
  if (!at) return undefined;
  const { type, entries } = at.node._zod.def;
  const base = at.nullable ? { nullable: true } : {};
  if (type === "boolean" || type === "number" || type === "string") return { kind: type, ...base };
  if (type === "enum") return { kind: "enum", choices: Object.values(entries ?? {}), ...base };
  return { kind: "json", ...base };
}
