import type { RepoFile, RepoMap, RepoSymbol } from "../../shared/contract/project.js";

/** Rough token count: ~4 characters per token for code (good enough for budgeting, not for billing). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Symbols listed per file at most; the rest are summarised as "⋮ N more". */
const MAX_SYMBOLS_PER_FILE = 40;

function symbolLine(s: RepoSymbol): string {
  const indent = s.parent ? "│   " : "│ ";
  return `${indent}${s.signature}`;
}

function fileBlock(file: RepoFile, maxSymbols: number): string {
  const important = file.symbols.filter((s) => s.kind !== "variable" || s.exported);
  const shown = important.slice(0, maxSymbols);
  const lines = [`${file.path}:`, ...shown.map(symbolLine)];
  if (important.length > shown.length) lines.push(`⋮ ${important.length - shown.length} more`);
  return `${lines.join("\n")}\n`;
}

export interface RenderedMap {
  text: string;
  tokens: number;
  files: number;
}

/**
 * The token-budgeted map for prompts (Aider-style): files in rank order, each with its declaration
 * signatures, until `tokenBudget` (≈ chars / 4) is spent. A file whose full block no longer fits is
 * shown with fewer signatures, then as its path alone; rendering stops when not even a path fits.
 * `byPath` (the files by path) may be passed in when the caller keeps one.
 */
export function renderMapText(repoMap: Pick<RepoMap, "files" | "ranking">, tokenBudget: number, byPath: ReadonlyMap<string, RepoFile> = new Map(repoMap.files.map((f) => [f.path, f]))): RenderedMap {
  const ranked = repoMap.ranking.length ? repoMap.ranking.map((r) => r.path) : repoMap.files.map((f) => f.path);
  const parts: string[] = [];
  let used = 0;
  for (const p of ranked) {
    const file = byPath.get(p);
    if (!file) continue;
    const left = tokenBudget - used;
    let block = fileBlock(file, MAX_SYMBOLS_PER_FILE);
    if (estimateTokens(block) > left) block = fileBlock(file, 5);
    if (estimateTokens(block) > left) block = `${file.path}\n`;
    if (estimateTokens(block) > left) break;
    parts.push(block);
    used += estimateTokens(block);
  }
  const text = parts.join("");
  return { text, tokens: estimateTokens(text), files: parts.length };
}
