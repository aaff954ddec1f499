import type { ProposedFile } from "../../../shared/contract/verify.js";

/**
 * The same path proposed twice: SEARCH/REPLACE or V4A steps for one file add up (models split them over several
 * blocks); otherwise the later block wins and the user is told in `notes`.
 */
export function dedupeFiles(files: ProposedFile[], notes: string[]): ProposedFile[] {
  const byPath = new Map<string, ProposedFile>();
  for (const f of files) {
    const key = f.path.replace(/^\.\//, "");
    const prev = byPath.get(key);
    if (prev?.kind === "edit" && f.kind === "edit" && !prev.moveTo && !f.moveTo) {
      byPath.set(key, { ...prev, edits: [...(prev.edits ?? []), ...(f.edits ?? [])] });
      continue;
    }
    if (prev) notes.push(`${key} is proposed more than once (blocks ${prev.block} and ${f.block}); the later one is used`);
    byPath.set(key, f);
  }
  return [...byPath.values()];
}
