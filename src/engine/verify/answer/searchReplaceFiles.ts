import type { AnswerFormat, ProposedFile, SearchReplaceEdit } from "../../../shared/contract/verify.js";
import { languageForExtension } from "./languageForExtension.js";
import { pathFromPrecedingLine } from "./pathHints.js";
import { scanSearchReplace } from "./scanSearchReplace.js";

export interface SearchReplaceContext {
  /** Answer block the lines belong to (a fence, a tag, or a run of bare lines). */
  block: number;
  /** The path given for the whole region (fence info, line before the fence, `<path>` tag), if any. */
  regionPath: { path: string; source: ProposedFile["source"] } | null;
  /** The path of the previous SEARCH/REPLACE block in the answer: Aider omits repeated file names. */
  lastPath: string | null;
  /** Tags and `------- SEARCH` markers make it Cline/Roo's format. */
  cline?: boolean;
}

export interface SearchReplaceFiles {
  files: ProposedFile[];
  problems: string[];
  lastPath: string | null;
}

/**
 * SEARCH/REPLACE blocks in `lines[from, to)` grouped into one `edit` per file, in order. A block's path is the bare
 * path line right above it (Aider writes one before each block, inside or outside the fence), else the region's path,
 * else the previous block's path; a block with none is a problem.
 */
export function searchReplaceFiles(lines: string[], from: number, to: number, ctx: SearchReplaceContext): SearchReplaceFiles {
  const scan = scanSearchReplace(lines, from, to);
  const problems = scan.problems.map((p) => `block ${ctx.block}: ${p.message}`);
  const byPath = new Map<string, ProposedFile>();
  let lastPath = ctx.lastPath;
  let floor = from;
  for (const b of scan.blocks) {
    const above = lineAbove(lines, b.headLine, floor);
    floor = b.tailLine + 1;
    const own = above === null ? null : pathFromPrecedingLine(above);
    const path = own ?? ctx.regionPath?.path ?? lastPath;
    if (!path) {
      problems.push(`block ${ctx.block}: a SEARCH/REPLACE block with no file path before it`);
      continue;
    }
    const source: ProposedFile["source"] = own ? "preceding-line" : ctx.regionPath ? ctx.regionPath.source : "earlier-path";
    const format: AnswerFormat = ctx.cline || b.cline ? "cline" : "search-replace";
    lastPath = path;
    const edit: SearchReplaceEdit = { search: b.search, replace: b.replace };
    const existing = byPath.get(path);
    if (existing) existing.edits!.push(edit);
    else {
      const lang = languageForExtension(path);
      byPath.set(path, { path, kind: "edit", edits: [edit], source, format, block: ctx.block, ...(lang ? { language: lang } : {}) });
    }
  }
  return { files: [...byPath.values()], problems, lastPath };
}

/** The nearest non-blank line above `line`, not above `floor`, that is not a fence marker. */
function lineAbove(lines: string[], line: number, floor: number): string | null {
  for (let k = line - 1; k >= floor; k--) {
    const l = lines[k]!.trim();
    if (!l) continue;
    return /^(?:`{3,}|~{3,})/.test(l) ? null : l;
  }
  return null;
}
