import type { Disagreement } from "../../../shared/contract/ensemble.js";

/** One line for humans: `requirements: qwen#2 alone suggested "add caching"`. */
export function describeDisagreement(d: Disagreement): string {
  const who = d.members.join(", ");
  const verb = d.kind === "differs" ? "said" : d.kind === "only" ? (d.members.length === 1 ? "alone suggested" : "suggested") : "left out";
  return `${d.field}: ${who} ${verb} "${d.value}"`;
}
