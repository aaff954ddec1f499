import type { ErrorSignature } from "../../../shared/contract/learning.js";

/** Error-memory entries as a prompt section ("seen before, and what fixed it"); empty when none. */
export function formatErrorMemory(entries: ErrorSignature[], maxEntries = 5): string {
  if (!entries.length) return "";
  const lines = ["## Seen before (error memory)"];
  for (const e of entries.slice(0, maxEntries)) {
    lines.push(`- ${e.errorType}: ${e.skeleton} (${e.locationKind}, seen ${e.count}×)`);
    for (const f of e.fixes.slice(0, 2)) lines.push(`  - fixed before by: ${f.summary}`);
  }
  return lines.join("\n");
}
