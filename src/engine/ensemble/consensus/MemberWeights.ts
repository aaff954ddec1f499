import type { MemberSpec } from "../../../shared/contract/ensemble.js";

/**
 * How much each member's answer counts in the consensus (≥ 0). Uniform for now; learned weights (from
 * accepted/rejected outcomes) arrive in a later issue through this same interface.
 */
export interface MemberWeights {
  weightOf(member: MemberSpec): number;
}

/** Every member counts 1. */
export const uniformWeights: MemberWeights = { weightOf: () => 1 };
