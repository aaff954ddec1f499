import { parsePatch } from "diff";
import type { ProposedFile } from "../../../shared/contract/verify.js";
import { isLooseDiff, parseLooseDiff } from "./parseLooseDiff.js";

export interface DiffParse {
  files: ProposedFile[];
  /** Reasons some file patches in the text could not be used. */
  problems: string[];
}

/** Strip git's a/ b/ prefixes and tab-separated timestamps from a diff header name. */
function headerPath(name: string | undefined): string | null {
  if (!name) return null;
  const n = name.split("\t")[0]!.trim();
  if (n === "/dev/null") return "/dev/null";
  return n.replace(/^[ab]\//, "");
}

/**
 * Unified diffs (git or plain) → one `patch` (or `delete`) entry per file. A headerless diff (hunks only)
 * takes `fallbackPath`, the path named around the block, or is reported as a problem. Hunks without line numbers
 * (`@@ ... @@`) become search/replace steps (`parseLooseDiff`).
 */
export function parseDiffText(text: string, block: number, fallbackPath: string | null): DiffParse {
  if (isLooseDiff(text)) return parseLooseDiff(text, block, fallbackPath);
  const files: ProposedFile[] = [];
  const problems: string[] = [];
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(text);
  } catch (e) {
    return { files, problems: [`block ${block}: not a valid unified diff (${(e as Error).message})`] };
  }
  for (const p of patches) {
    if (!p.hunks.length && !p.oldFileName && !p.newFileName) continue;
    const oldName = headerPath(p.oldFileName);
    const newName = headerPath(p.newFileName);
    if (newName === "/dev/null" && oldName && oldName !== "/dev/null") {
      files.push({ path: oldName, kind: "delete", source: "diff", format: "unified-diff", block });
      continue;
    }
    const target = (newName && newName !== "/dev/null" ? newName : null) ?? (oldName && oldName !== "/dev/null" ? oldName : null) ?? fallbackPath;
    if (!target) {
      problems.push(`block ${block}: a diff without file names and no path around it`);
      continue;
    }
    if (!p.hunks.length) {
      problems.push(`block ${block}: the diff for ${target} has no hunks`);
      continue;
    }
    const patch = [`--- ${oldName === "/dev/null" ? "/dev/null" : `a/${target}`}`, `+++ b/${target}`, ...p.hunks.flatMap(hunkLines)].join("\n") + "\n";
    files.push({ path: target, kind: "patch", patch, source: newName || oldName ? "diff" : "preceding-line", format: "unified-diff", block });
  }
  return { files, problems };
}

function hunkLines(h: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }): string[] {
  // parsePatch shifts the start of an empty side by one (as jsdiff's formatPatch undoes); mirror it.
  const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
  const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
  return [`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`, ...h.lines];
}

/** Whether a block's text is a unified diff rather than file content. */
export function looksLikeDiff(text: string): boolean {
  return /^(?:diff --git |Index: |--- \S.*\n\+\+\+ \S)/m.test(text) && /^@@ (?:-\d+(?:,\d+)? \+\d+(?:,\d+)? )?.*@@/m.test(text);
}
