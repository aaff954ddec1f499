import { jsonrepair } from "jsonrepair";

export interface RepairedJson {
  value: unknown;
  /** Human notes on what was changed; empty when the text parsed as it was. */
  repairs: string[];
}

/** The JSON object inside a model answer: a fenced block if any, else from the first "{" to the last "}". */
function extractObjectText(text: string): { body: string; note?: string } {
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)(?:```|$)/.exec(text);
  if (fence && fence[1]!.includes("{")) {
    return { body: fence[1]!.trim(), note: "took the JSON out of a Markdown code fence" };
  }
  const start = text.indexOf("{");
  if (start < 0) return { body: text.trim() };
  const end = text.lastIndexOf("}");
  const body = end > start ? text.slice(start, end + 1) : text.slice(start);
  const dropped = text.slice(0, start).trim().length + (end > start ? text.slice(end + 1).trim().length : 0);
  return { body, ...(dropped > 0 ? { note: "dropped text around the JSON object" } : {}) };
}

/**
 * Parse a model's JSON answer, allowing exactly one repair attempt for near-valid JSON (fences, prose
 * around it, trailing commas, single quotes, unquoted keys, a truncated tail). Returns null when even
 * the repaired text does not parse. Repairs are listed so callers can show the answer as repaired.
 */
export function repairJson(text: string): RepairedJson | null {
  try {
    return { value: JSON.parse(text) as unknown, repairs: [] };
  } catch {
    // fall through to the one repair attempt
  }
  const { body, note } = extractObjectText(text);
  const repairs = note ? [note] : [];
  try {
    return { value: JSON.parse(body) as unknown, repairs };
  } catch {
    // syntax repair below
  }
  try {
    const fixed = jsonrepair(body);
    return { value: JSON.parse(fixed) as unknown, repairs: [...repairs, "fixed JSON syntax (quotes, commas, brackets or a cut-off tail)"] };
  } catch {
    return null;
  }
}
