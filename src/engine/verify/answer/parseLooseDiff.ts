import type { ProposedFile, SearchReplaceEdit } from "../../../shared/contract/verify.js";
import { languageForExtension } from "./languageForExtension.js";

const NUMBERED = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;

/** Whether a diff has hunk headers without line numbers (`@@ ... @@`, as Aider's udiff format writes them). */
export function isLooseDiff(text: string): boolean {
  const heads = text.split("\n").filter((l) => l.startsWith("@@"));
  return heads.length > 0 && heads.some((l) => !NUMBERED.test(l));
}

/**
 * A unified diff whose hunks carry no line numbers (Aider's udiff): each hunk becomes a search/replace step — context
 * and removed lines → context and added lines — matched exactly once in the file, like a SEARCH/REPLACE block.
 * Files start at `--- ` / `+++ ` headers; a diff without them takes `fallbackPath`.
 */
export function parseLooseDiff(text: string, block: number, fallbackPath: string | null): { files: ProposedFile[]; problems: string[] } {
  const files: ProposedFile[] = [];
  const problems: string[] = [];
  const lines = text.replace(/\n$/, "").split("\n");
  let path: string | null = fallbackPath;
  let edits: SearchReplaceEdit[] = [];
  let hunk: { search: string[]; replace: string[] } | null = null;
  const flushHunk = (): void => {
    if (hunk && (hunk.search.length || hunk.replace.length)) edits.push({ search: join(hunk.search), replace: join(hunk.replace) });
    hunk = null;
  };
  const flushFile = (): void => {
    flushHunk();
    if (!edits.length) return;
    if (!path) problems.push(`block ${block}: a diff without file names and no path around it`);
    else files.push({ path, kind: "edit", edits, source: path === fallbackPath ? "preceding-line" : "diff", format: "unified-diff", block, ...lang(path) });
    edits = [];
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.startsWith("--- ") && (lines[k + 1] ?? "").startsWith("+++ ")) {
      flushFile();
      path = headerPath(lines[k + 1]!.slice(4)) ?? headerPath(l.slice(4)) ?? fallbackPath;
      k++;
    } else if (l.startsWith("@@")) {
      flushHunk();
      hunk = { search: [], replace: [] };
    } else if (hunk) {
      const tag = l[0] ?? " ";
      if (tag !== "+") hunk.search.push(l.slice(1));
      if (tag !== "-") hunk.replace.push(l.slice(1));
    }
  }
  flushFile();
  return { files, problems };
}

function headerPath(name: string): string | null {
  const n = name.split("\t")[0]!.trim();
  return !n || n === "/dev/null" ? null : n.replace(/^[ab]\//, "");
}

const join = (lines: string[]): string => (lines.length ? `${lines.join("\n")}\n` : "");
const lang = (path: string): { language?: string } => (languageForExtension(path) ? { language: languageForExtension(path)! } : {});
