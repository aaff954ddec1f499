import type { ParsedAnswer, ProposedFile, UnmappedBlock } from "../../../shared/contract/verify.js";
import { languageForExtension } from "./languageForExtension.js";
import { looksLikeDiff, parseDiffText } from "./parseDiffText.js";
import { pathFromFirstLine, pathFromInfo, pathFromPrecedingLine } from "./pathHints.js";
import { scanFences, type FencedBlock } from "./scanFences.js";

export interface ParseAnswerOptions {
  /** The one file the prompt asked for: an answer with a single untagged code block maps to it. */
  expectedFile?: string;
}

/** Blocks in these languages are commands or output, never file content. */
const NON_FILE_LANGS = new Set(["bash", "sh", "shell", "console", "shell-session", "zsh", "powershell", "ps1", "cmd", "bat", "text", "txt", "output", "plaintext", "log"]);
const DIFF_LANGS = new Set(["diff", "patch", "udiff"]);

/**
 * Extract the files an AI answer proposes: fenced blocks tagged with a path (info string, first-line comment,
 * or the line just before the fence), unified diffs (fenced or bare), or a single untagged block for
 * `expectedFile`. Whatever cannot be mapped is reported in `unmapped` — never guessed.
 */
export function parseAnswer(text: string, options: ParseAnswerOptions = {}): ParsedAnswer {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks = scanFences(lines);
  const files: ProposedFile[] = [];
  const unmapped: UnmappedBlock[] = [];
  const notes: string[] = [];
  const untagged: FencedBlock[] = [];

  for (const b of blocks) {
    const preceding = precedingLine(lines, b.openLine);
    if (!b.closed) {
      unmapped.push(unmap(b, "the block is not closed (the answer looks truncated)"));
      continue;
    }
    if (DIFF_LANGS.has(b.language) || looksLikeDiff(b.content)) {
      const hint = pathFromInfo(b.info) ?? (preceding ? pathFromPrecedingLine(preceding) : null);
      const d = parseDiffText(b.content, b.index, hint);
      files.push(...d.files);
      for (const p of d.problems) unmapped.push(unmap(b, p));
      continue;
    }
    const mapped = mapBlock(b, preceding);
    if (mapped) files.push(mapped);
    else untagged.push(b);
  }

  const candidates = untagged.filter((b) => !NON_FILE_LANGS.has(b.language));
  for (const b of untagged) {
    if (options.expectedFile && candidates.length === 1 && candidates[0] === b) {
      files.push({ path: options.expectedFile, kind: "write", content: b.content, language: b.language || languageForExtension(options.expectedFile), source: "expected-file", block: b.index });
    } else if (NON_FILE_LANGS.has(b.language)) {
      unmapped.push(unmap(b, `a ${b.language} block (commands or output), not a file`));
    } else if (options.expectedFile && candidates.length > 1) {
      unmapped.push(unmap(b, `no path given, and ${candidates.length} untagged blocks: cannot tell which one is ${options.expectedFile}`));
    } else {
      unmapped.push(unmap(b, "no path given for this block"));
    }
  }

  files.push(...bareDiffs(lines, blocks, unmapped, blocks.length));
  return { files: dedupe(files, notes), unmapped: unmapped.sort((a, b) => a.block - b.block), notes };
}

function mapBlock(b: FencedBlock, preceding: string | null): ProposedFile | null {
  const bodyLines = b.content.split("\n");
  const first = bodyLines[0] ?? "";
  const fromInfo = pathFromInfo(b.info);
  const fromFirst = pathFromFirstLine(first);
  const path = fromInfo ?? fromFirst ?? (preceding ? pathFromPrecedingLine(preceding) : null);
  if (!path) return null;
  // Drop a path-marker first line (it is not part of the file), unless it is the only line.
  const stripFirst = fromFirst !== null && (fromInfo === null || sameish(fromInfo, fromFirst)) && bodyLines.length > 2;
  const content = stripFirst ? bodyLines.slice(1).join("\n") : b.content;
  const source = fromInfo ? "info-string" : fromFirst ? "first-line" : "preceding-line";
  return { path, kind: "write", content, language: b.language || languageForExtension(path), source, block: b.index };
}

const sameish = (a: string, b: string): boolean => a.replace(/^\.\//, "") === b.replace(/^\.\//, "");

/** The line just before a fence, skipping at most one blank line. */
function precedingLine(lines: string[], openLine: number): string | null {
  for (let k = openLine - 1, blanks = 0; k >= 0; k--) {
    const l = lines[k]!;
    if (l.trim()) return l;
    if (++blanks > 1) return null;
  }
  return null;
}

function unmap(b: FencedBlock, reason: string): UnmappedBlock {
  const preview = b.content.split("\n").slice(0, 3).join("\n").slice(0, 200);
  return { block: b.index, ...(b.language ? { language: b.language } : {}), reason, preview };
}

/** Unified diffs pasted outside any fence (`--- a/x` / `+++ b/x` / `@@`). Numbered after the fenced blocks. */
function bareDiffs(lines: string[], blocks: FencedBlock[], unmapped: UnmappedBlock[], firstIndex: number): ProposedFile[] {
  const inside = new Set<number>();
  for (const b of blocks) for (let k = b.openLine; k <= Math.min(b.closeLine, lines.length - 1); k++) inside.add(k);
  const out: ProposedFile[] = [];
  let k = 0;
  let index = firstIndex;
  while (k < lines.length) {
    if (inside.has(k) || !isDiffStart(lines, k)) {
      k++;
      continue;
    }
    let end = k;
    while (end < lines.length && !inside.has(end) && isDiffLine(lines[end]!)) end++;
    const d = parseDiffText(`${lines.slice(k, end).join("\n")}\n`, index, null);
    out.push(...d.files);
    for (const p of d.problems) unmapped.push({ block: index, reason: p, preview: lines.slice(k, k + 3).join("\n") });
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

/** The same path proposed twice: the later block wins, and the user is told. */
function dedupe(files: ProposedFile[], notes: string[]): ProposedFile[] {
  const byPath = new Map<string, ProposedFile>();
  for (const f of files) {
    const key = f.path.replace(/^\.\//, "");
    if (byPath.has(key)) notes.push(`${key} is proposed more than once (blocks ${byPath.get(key)!.block} and ${f.block}); the later one is used`);
    byPath.set(key, f);
  }
  return [...byPath.values()];
}
