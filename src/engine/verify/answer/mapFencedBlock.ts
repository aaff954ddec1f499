import type { ProposedFile, UnmappedBlock } from "../../../shared/contract/verify.js";
import { isCitation } from "./isCitation.js";
import { hasLazyMarkers } from "./lazyMarkers.js";
import { languageForExtension } from "./languageForExtension.js";
import { looksLikeDiff, parseDiffText } from "./parseDiffText.js";
import { pathFromFirstLine, pathFromInfo, pathFromPrecedingLine } from "./pathHints.js";
import type { FencedBlock } from "./scanFences.js";
import { isSearchHead } from "./scanSearchReplace.js";
import { searchReplaceFiles } from "./searchReplaceFiles.js";

const DIFF_LANGS = new Set(["diff", "patch", "udiff"]);

/** Blocks in these languages are commands or output, never file content (unless tagged with a shell-script path). */
export const NON_FILE_LANGS = new Set(["bash", "sh", "shell", "console", "shell-session", "zsh", "powershell", "ps1", "cmd", "bat", "text", "txt", "output", "plaintext", "log"]);

export interface FencedResult {
  files: ProposedFile[];
  unmapped: UnmappedBlock[];
  /** No path anywhere: the caller decides (expected file, commands, or unmapped). */
  untagged: boolean;
  lastPath: string | null;
}

/**
 * What one closed fenced block proposes (V4A patches and tool tags were cut out before): a citation (ignored),
 * SEARCH/REPLACE blocks, a unified diff, or
 * a whole file whose path is in the info string, a first-line comment or the line before the fence. A whole file
 * with lazy markers (`// ... existing code ...`) is a `merge`, resolved against the file on disk later.
 */
export function mapFencedBlock(b: FencedBlock, preceding: string | null, lastPath: string | null): FencedResult {
  const none: FencedResult = { files: [], unmapped: [], untagged: false, lastPath };
  const fromInfo = pathFromInfo(b.info);
  const fromLine = preceding ? pathFromPrecedingLine(preceding) : null;
  if (isCitation(b.info)) {
    return { ...none, unmapped: [unmap(b, "citation", `a citation of existing lines (${b.info}): shown for reference, never written`)] };
  }
  const bodyLines = b.content.split("\n");
  if (bodyLines.some(isSearchHead)) {
    const regionPath = fromInfo ? { path: fromInfo, source: "info-string" as const } : fromLine ? { path: fromLine, source: "preceding-line" as const } : null;
    const r = searchReplaceFiles(bodyLines, 0, bodyLines.length, { block: b.index, regionPath, lastPath });
    return { files: r.files, unmapped: r.problems.map((p) => unmap(b, "invalid", p)), untagged: false, lastPath: r.lastPath };
  }
  if (DIFF_LANGS.has(b.language) || looksLikeDiff(b.content)) {
    const d = parseDiffText(b.content, b.index, fromInfo ?? fromLine);
    return { ...none, files: d.files, unmapped: d.problems.map((p) => unmap(b, p.includes("without file names") ? "no-path" : "invalid", p)) };
  }
  const file = wholeFile(b, bodyLines, fromInfo, fromLine);
  return file ? { ...none, files: [file], lastPath: file.path } : { ...none, untagged: true };
}

function wholeFile(b: FencedBlock, bodyLines: string[], fromInfo: string | null, fromLine: string | null): ProposedFile | null {
  const fromFirst = pathFromFirstLine(bodyLines[0] ?? "");
  const path = fromInfo ?? fromFirst ?? fromLine;
  if (!path) return null;
  // "Run `main.py`:" before a ```bash block names the script to run, not the file the block is.
  if (!fromInfo && !fromFirst && NON_FILE_LANGS.has(b.language) && languageForExtension(path) !== "shell") return null;
  // Drop a path-marker first line (it is not part of the file), unless it is the only line.
  const stripFirst = fromFirst !== null && (fromInfo === null || sameish(fromInfo, fromFirst)) && bodyLines.length > 2;
  const content = stripFirst ? bodyLines.slice(1).join("\n") : b.content;
  const source = fromInfo ? "info-string" : fromFirst ? "first-line" : "preceding-line";
  const format = fromInfo ? (/^[^\s:]+:/.test(b.info) ? "cursor" : "fence-info") : fromFirst ? "path-comment" : "path-line";
  const language = b.language || languageForExtension(path);
  return { path, kind: hasLazyMarkers(content) ? "merge" : "write", content, ...(language ? { language } : {}), source, format, block: b.index };
}

const sameish = (a: string, b: string): boolean => a.replace(/^\.\//, "") === b.replace(/^\.\//, "");

export function unmap(b: FencedBlock, kind: NonNullable<UnmappedBlock["kind"]>, reason: string): UnmappedBlock {
  const preview = b.content.split("\n").slice(0, 3).join("\n").slice(0, 200);
  return { block: b.index, ...(b.language ? { language: b.language } : {}), kind, reason, preview };
}
