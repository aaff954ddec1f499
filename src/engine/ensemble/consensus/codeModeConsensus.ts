import type { CodeConsensus, Consensus, MemberResult } from "../../../shared/contract/ensemble.js";
import { SINGLE_SOURCE_CONFIDENCE } from "./buildConsensus.js";

/**
 * The consensus of a code-mode run: no merged plan; confidence is how alike the candidates are (the medoid's
 * mean CodeBLEU against the others), low and single-source with one usable candidate.
 */
export function codeModeConsensus(members: MemberResult[], code: CodeConsensus | undefined): Consensus {
  const sources = members.filter((m) => m.status === "ok" && m.code).map((m) => m.label);
  const base = { merged: null, fields: [], disagreements: [], sources, weights: Object.fromEntries(sources.map((s) => [s, 1])) };
  if (!code || sources.length === 0) return { ...base, mode: "none", confidence: 0, note: "No member returned code." };
  if (sources.length === 1) {
    return { ...base, mode: "single-source", confidence: SINGLE_SOURCE_CONFIDENCE, note: `Only ${sources[0]} returned code: low confidence, single source.` };
  }
  const winner = code.labels[code.winner]!;
  const confidence = Math.round(code.meanScores[code.winner]! * 1000) / 1000;
  return { ...base, mode: "consensus", confidence, note: `Code consensus: ${winner} is the medoid (mean CodeBLEU ${confidence.toFixed(3)} against the others).` };
}
