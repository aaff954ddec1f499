import type { ConfigEntry } from "../../../../shared/contract/config.js";

/** The text shown in a setting's editor. */
export function formatSettingValue(e: ConfigEntry): string {
  if (e.value === null || e.value === undefined) return "";
  if (e.kind === "json" || typeof e.value === "object") return JSON.stringify(e.value);
  return String(e.value);
}

/**
 * Turn the editor's text into the value sent to `config.set`: numbers as numbers, an empty nullable field as
 * null, lists and objects as JSON. Returns an error message for text that is not even the right shape; the
 * engine's schema judges the rest (ranges, choices) and names the key's reason.
 */
export function parseSettingInput(e: ConfigEntry, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  if (e.nullable && t === "") return { value: null };
  if (e.kind === "number") {
    const n = Number(t);
    return t === "" || !Number.isFinite(n) ? { error: `expected a number, got "${text}"` } : { value: n };
  }
  if (e.kind === "json") {
    try {
      return { value: JSON.parse(t) as unknown };
    } catch {
      return { error: 'expected JSON, e.g. ["a", "b"]' };
    }
  }
  return { value: text };
}
