import { ANALYSIS_FIELDS, type TaskAnalysis } from "../../../shared/contract/ensemble.js";

type Obj = Record<string, unknown>;
const LIST_FIELDS = ["requirements", "dependencies", "constraints", "risks", "test_plan"] as const;

function asStringList(v: unknown, field: string, repairs: string[]): string[] | null {
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return v as string[];
    repairs.push(`${field}: turned non-text items into text`);
    return v.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
  }
  if (v === null || v === undefined) {
    repairs.push(`${field}: missing, used an empty list`);
    return [];
  }
  if (typeof v === "string") {
    repairs.push(`${field}: a single text, wrapped in a list`);
    return v.trim() ? [v] : [];
  }
  return null;
}

function asFiles(v: unknown, repairs: string[]): TaskAnalysis["files"] | null {
  if (v === null || v === undefined) {
    repairs.push("files: missing, used an empty list");
    return [];
  }
  if (!Array.isArray(v)) return null;
  const out: TaskAnalysis["files"] = [];
  for (const item of v) {
    if (typeof item === "string") {
      repairs.push(`files: "${item}" had no purpose`);
      out.push({ path: item, purpose: "" });
    } else if (item && typeof item === "object" && typeof (item as Obj).path === "string") {
      const purpose = (item as Obj).purpose;
      if (typeof purpose !== "string") repairs.push(`files: "${String((item as Obj).path)}" had no purpose`);
      out.push({ path: (item as Obj).path as string, purpose: typeof purpose === "string" ? purpose : "" });
    } else return null;
  }
  return out;
}

function asComplexity(v: unknown, repairs: string[]): number | null {
  const n = typeof v === "string" ? Number(v.trim()) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  const c = Math.min(5, Math.max(1, Math.round(n)));
  if (c !== v) repairs.push(`complexity: ${JSON.stringify(v)} read as ${c}`);
  return c;
}

/**
 * Bend a parsed object that is close to a TaskAnalysis into one, listing every change. Returns null when
 * the essentials (an approach text, a usable complexity) are missing: those are never invented.
 */
export function coerceAnalysis(value: unknown, repairs: string[]): TaskAnalysis | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const o = value as Obj;
  if (typeof o.approach !== "string" || !o.approach.trim()) return null;
  const complexity = asComplexity(o.complexity, repairs);
  const files = asFiles(o.files, repairs);
  if (complexity === null || files === null) return null;
  const lists: Partial<Record<(typeof LIST_FIELDS)[number], string[]>> = {};
  for (const f of LIST_FIELDS) {
    const l = asStringList(o[f], f, repairs);
    if (l === null) return null;
    lists[f] = l;
  }
  const extra = Object.keys(o).filter((k) => !(ANALYSIS_FIELDS as readonly string[]).includes(k));
  if (extra.length) repairs.push(`ignored unknown fields: ${extra.join(", ")}`);
  return { approach: o.approach, files, complexity, ...(lists as Required<typeof lists>) };
}
