import type { ParsedAnswer, ResolvedAnswer } from "../../../shared/contract/verify.js";

/** Resolved edits as the `write`/`delete` files planning takes (path validation and the diff view happen there). */
export function toParsedAnswer(r: ResolvedAnswer): ParsedAnswer {
  return {
    files: r.edits.map((e) => ({ path: e.path, kind: e.kind, ...(e.content !== undefined ? { content: e.content } : {}), source: e.source, format: e.format, block: e.block })),
    unmapped: r.ignored,
    notes: r.notes,
  };
}
