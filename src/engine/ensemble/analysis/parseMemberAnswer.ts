import { TaskAnalysis } from "../../../shared/contract/ensemble.js";
import { coerceAnalysis } from "./coerceAnalysis.js";
import { repairJson } from "./repairJson.js";

export type ParsedAnswer =
  | { status: "ok"; analysis: TaskAnalysis; repairs: [] }
  | { status: "repaired"; analysis: TaskAnalysis; repairs: string[] }
  | { status: "invalid"; repairs: string[]; reason: string };

/**
 * Validate a member's answer against the TaskAnalysis schema. Valid JSON that fits is "ok"; anything that
 * needed the one repair attempt (syntax or shape) is "repaired" with the list of changes; the rest is "invalid".
 */
export function parseMemberAnswer(text: string): ParsedAnswer {
  const parsed = repairJson(text);
  if (!parsed) return { status: "invalid", repairs: [], reason: "not JSON, even after one repair attempt" };
  const strict = TaskAnalysis.safeParse(parsed.value);
  if (strict.success && parsed.repairs.length === 0) return { status: "ok", analysis: strict.data, repairs: [] };
  const repairs = [...parsed.repairs];
  const analysis = strict.success ? strict.data : coerceAnalysis(parsed.value, repairs);
  if (!analysis) {
    const issues = strict.success ? "" : strict.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { status: "invalid", repairs, reason: `does not fit the analysis schema (${issues})` };
  }
  const checked = TaskAnalysis.safeParse(analysis);
  if (!checked.success) return { status: "invalid", repairs, reason: `does not fit the analysis schema (${checked.error.message})` };
  if (repairs.length === 0) return { status: "ok", analysis: checked.data, repairs: [] };
  return { status: "repaired", analysis: checked.data, repairs };
}
