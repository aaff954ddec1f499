import type { RepoFile } from "../../../shared/contract/project.js";
import type { FileFacts } from "../extract/FileFacts.js";
import { isTestPath } from "../scan/classifyPath.js";

/**
 * A file's repo-map entry. Parser workers serialize it too (so the engine thread need not), hence one
 * function: the JSON bytes must be the same whichever thread made them.
 */
export function toRepoFile(rel: string, bytes: number, f: FileFacts): RepoFile {
  return { path: rel, language: f.language, bytes, lines: f.lines, symbols: f.symbols, imports: f.imports, isTest: isTestPath(rel), ...(f.note ? { note: f.note } : {}) };
}
