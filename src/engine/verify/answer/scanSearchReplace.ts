/** One SEARCH/REPLACE block found in an answer. Line numbers index the LF-normalized answer lines. */
export interface SearchReplaceBlock {
  search: string;
  replace: string;
  /** Line of the `<<<<<<< SEARCH` (or `------- SEARCH`) marker. */
  headLine: number;
  /** Line of the `>>>>>>> REPLACE` (or `+++++++ REPLACE`) marker. */
  tailLine: number;
  /** Cline/Roo markers (`------- SEARCH`, `+++++++ REPLACE`) rather than Aider's. */
  cline: boolean;
}

export interface SearchReplaceScan {
  blocks: SearchReplaceBlock[];
  problems: Array<{ line: number; message: string }>;
}

const HEAD = /^\s*(?:<{5,9}|-{5,9}) ?SEARCH>?\s*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const TAIL = /^\s*(?:>{5,9}|\+{5,9}) ?REPLACE\s*$/;
// Roo Code's apply_diff: `:start_line:10` / `:end_line:12` then a `-------` line before the SEARCH text.
const ROO_META = /^\s*:(?:start|end)_line:\s*\d+\s*$/;
const ROO_SEP = /^\s*-{3,}\s*$/;

/** Whether a line opens a SEARCH/REPLACE block. */
export const isSearchHead = (line: string): boolean => HEAD.test(line);

const body = (lines: string[]): string => (lines.length ? `${lines.join("\n")}\n` : "");

/**
 * Find SEARCH/REPLACE blocks in `lines[from, to)`: Aider's `<<<<<<< SEARCH` / `=======` / `>>>>>>> REPLACE`,
 * Cline's `------- SEARCH` / `=======` / `+++++++ REPLACE`, and Roo's `:start_line:` header. A block without its
 * divider or tail is a problem, never a guess.
 */
export function scanSearchReplace(lines: string[], from = 0, to = lines.length): SearchReplaceScan {
  const out: SearchReplaceScan = { blocks: [], problems: [] };
  let k = from;
  while (k < to) {
    if (!HEAD.test(lines[k]!)) {
      k++;
      continue;
    }
    const head = k;
    let j = k + 1;
    while (j < to && ROO_META.test(lines[j]!)) j++;
    if (j > k + 1 && j < to && ROO_SEP.test(lines[j]!)) j++;
    const searchStart = j;
    while (j < to && !DIVIDER.test(lines[j]!) && !HEAD.test(lines[j]!) && !TAIL.test(lines[j]!)) j++;
    if (j >= to || !DIVIDER.test(lines[j]!)) {
      out.problems.push({ line: head, message: "a SEARCH section without its ======= divider" });
      k = j;
      continue;
    }
    const divider = j;
    j++;
    while (j < to && !TAIL.test(lines[j]!) && !HEAD.test(lines[j]!)) j++;
    if (j >= to || !TAIL.test(lines[j]!)) {
      out.problems.push({ line: head, message: "a SEARCH/REPLACE block without its REPLACE marker (the answer looks truncated)" });
      k = j;
      continue;
    }
    out.blocks.push({
      search: body(lines.slice(searchStart, divider)),
      replace: body(lines.slice(divider + 1, j)),
      headLine: head,
      tailLine: j,
      cline: /^\s*-/.test(lines[head]!) || /^\s*\+/.test(lines[j]!),
    });
    k = j + 1;
  }
  return out;
}
