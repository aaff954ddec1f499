import type { Disagreement } from "../../../shared/contract/ensemble.js";

/** What one field's agreement step produces; `buildConsensus` adds the field name. */
export interface FieldOutcome<T> {
  agreement: number;
  merged: T;
  dissenters: string[];
  disagreements: Array<Omit<Disagreement, "field">>;
}
