import type { ParsedAnswer, ProposedFile, UnmappedBlock } from "../../../shared/contract/verify.js";
import { dedupeFiles } from "./dedupeFiles.js";
import { extractRegions } from "./extractRegions.js";
import { languageForExtension } from "./languageForExtension.js";
import { mapFencedBlock, NON_FILE_LANGS, unmap } from "./mapFencedBlock.js";
import { parseDiffText } from "./parseDiffText.js";
import { scanFences, type FencedBlock } from "./scanFences.js";
import { searchReplaceFiles } from "./searchReplaceFiles.js";

export interface ParseAnswerOptions {
  /** The one file the prompt asked for: an answer with a single untagged code block maps to it. */
  expectedFile?: string;
}

/**
 * Extract the files an AI answer proposes, in every format people paste (docs/verify.md "Answer formats"): fenced
 * blocks tagged with a path (info string, ```` ```lang:path ````, first-line comment, or the line before the fence),
 * unified diffs (fenced or bare), Aider and Cline/Roo SEARCH/REPLACE blocks (fenced, bare or in tool tags), V4A
 * patches, or a single untagged block for `expectedFile`. Citations (```` ```12:15:path ````) and whatever cannot be
 * mapped are reported in `unmapped` — never guessed. Pure: edits that need the file on disk stay `edit`/`merge`/
 * `patch` until `resolveAnswer` runs them against the project.
 */
export function parseAnswer(text: string, options: ParseAnswerOptions = {}): ParsedAnswer {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  // Tags and V4A patches first (they may hold fences of their own), blanked out of `regionLines`; they are numbered
  // after the fenced blocks.
  const regionLines = lines.slice();
  const regions = extractRegions(regionLines, 0);
  const blocks = scanFences(regionLines);
  for (const x of [...regions.files, ...regions.unmapped]) x.block += blocks.length;
  regions.next += blocks.length;
  const files: ProposedFile[] = [];
  const unmapped: UnmappedBlock[] = [...regions.unmapped];
  const notes: string[] = [];
  const untagged: FencedBlock[] = [];
  let lastPath: string | null = null;

  for (const b of blocks) {
    if (!b.closed) {
      unmapped.push(unmap(b, "truncated", "the block is not closed (the answer looks truncated)"));
      continue;
    }
    const r = mapFencedBlock(b, precedingLine(regionLines, b.openLine), lastPath);
    files.push(...r.files);
    unmapped.push(...r.unmapped);
    lastPath = r.lastPath;
    if (r.untagged) untagged.push(b);
  }
  files.push(...regions.files);
  mapUntagged(untagged, options.expectedFile, files, unmapped);

  const outside = outsideFences(regionLines, blocks);
  let next = regions.next;
  const bare = searchReplaceFiles(outside, 0, outside.length, { block: next, regionPath: null, lastPath });
  if (bare.files.length || bare.problems.length) {
    files.push(...bare.files);
    for (const reason of bare.problems) unmapped.push({ block: next, kind: "invalid", reason, preview: "" });
    next++;
  }
  files.push(...bareDiffs(outside, unmapped, next));
  return { files: dedupeFiles(files, notes), unmapped: unmapped.sort((a, b) => a.block - b.block), notes };
}

function mapUntagged(untagged: FencedBlock[], expectedFile: string | undefined, files: ProposedFile[], unmapped: UnmappedBlock[]): void {
  const candidates = untagged.filter((b) => !NON_FILE_LANGS.has(b.language) && b.content.trim());
  for (const b of untagged) {
    if (!b.content.trim()) continue; // an empty fence (or one whose patch was cut out) proposes nothing
    if (expectedFile && candidates.length === 1 && candidates[0] === b) {
      const language = b.language || languageForExtension(expectedFile);
      files.push({ path: expectedFile, kind: "write", content: b.content, ...(language ? { language } : {}), source: "expected-file", format: "expected-file", block: b.index });
    } else if (NON_FILE_LANGS.has(b.language)) {
      unmapped.push(unmap(b, "commands", `a ${b.language} block (commands or output), not a file`));
    } else if (expectedFile && candidates.length > 1) {
      unmapped.push(unmap(b, "no-path", `no path given, and ${candidates.length} untagged blocks: cannot tell which one is ${expectedFile}`));
    } else {
      unmapped.push(unmap(b, "no-path", "no path given for this block"));
    }
  }
}

/** The line just before a fence, skipping at most one blank line. */
function precedingLine(lines: string[], openLine: number): string | null {
  for (let k = openLine - 1, blanks = 0; k >= 0; k--) {
    const l = lines[k]!;
    if (l.trim()) return l;
    if (++blanks > 1) return null;
  }
  return null;
}

/** The answer's lines with every fenced block blanked: what is left is prose, bare diffs and bare SEARCH/REPLACE. */
function outsideFences(lines: string[], blocks: FencedBlock[]): string[] {
  const out = lines.slice();
  for (const b of blocks) for (let k = b.openLine; k <= Math.min(b.closeLine, lines.length - 1); k++) out[k] = "";
  return out;
}

/** Unified diffs pasted outside any fence (`--- a/x` / `+++ b/x` / `@@`). Numbered after the other blocks. */
function bareDiffs(lines: string[], unmapped: UnmappedBlock[], firstIndex: number): ProposedFile[] {
  const out: ProposedFile[] = [];
  let k = 0;
  let index = firstIndex;
  while (k < lines.length) {
    if (!isDiffStart(lines, k)) {
      k++;
      continue;
    }
    let end = k;
    while (end < lines.length && isDiffLine(lines[end]!)) end++;
    const d = parseDiffText(`${lines.slice(k, end).join("\n")}\n`, index, null);
    out.push(...d.files);
    for (const p of d.problems) unmapped.push({ block: index, kind: "invalid", reason: p, preview: lines.slice(k, k + 3).join("\n") });
    index++;
    k = end;
  }
  return out;
}

function isDiffStart(lines: string[], k: number): boolean {
  const l = lines[k]!;
  if (l.startsWith("diff --git ")) return true;
  return l.startsWith("--- ") && (lines[k + 1] ?? "").startsWith("+++ ") && /^@@ /.test(lines[k + 2] ?? "");
}

function isDiffLine(l: string): boolean {
  return /^(?:diff --git |index |new file mode|deleted file mode|similarity index|rename from|rename to|old mode|new mode|--- |\+\+\+ |@@ |[ +-]|\\ No newline)/.test(l) || l === "";
}
