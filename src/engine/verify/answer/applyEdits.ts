import type { MatchFailure, ProposedFile, SearchReplaceEdit } from "../../../shared/contract/verify.js";
import { closestLines } from "./closestLines.js";
import { findSequence, fromLines, LINE_TIERS, toLines, type TextLines } from "./textLines.js";

export type EditOutcome = { ok: true; text: string } | { ok: false; failures: MatchFailure[] };

const excerpt = (s: string): string => (s.length > 400 ? `${s.slice(0, 400)}…` : s);
const linesOf = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));

/**
 * Dry-run a file's search/replace steps against its current text (`null`: the file does not exist). SEARCH/REPLACE
 * steps must match exactly once (exact, then ignoring trailing, then surrounding whitespace); an empty SEARCH creates
 * the file. V4A hunks match the first time after the previous hunk (and after their `@@` anchor), as Codex applies
 * them. Every step is tried, so one answer reports all its misses; any miss means no new text.
 */
export function applyEdits(file: ProposedFile, oldText: string | null): EditOutcome {
  const edits = file.edits ?? [];
  const fail = (edit: number, reason: MatchFailure["reason"], message: string, extra: Partial<MatchFailure> = {}): MatchFailure => ({
    path: file.path, block: file.block, edit, format: file.format, reason, message, ...extra,
  });
  // An empty SEARCH (first step) on a missing file creates it; later steps may edit what it created.
  const creates = oldText === null && edits[0]?.search === "" && !edits[0].anchor;
  if (oldText === null && !creates) {
    return { ok: false, failures: [fail(0, "file-missing", `${label(file, 0)}: ${file.path} does not exist, so there is nothing to search (an empty SEARCH section creates a new file)`)] };
  }
  const cur = toLines(creates ? edits[0]!.replace : oldText!);
  const failures: MatchFailure[] = [];
  let cursor = 0;
  for (const [i, e] of edits.entries()) {
    if (creates && i === 0) continue;
    const r = file.format === "v4a" ? stepV4A(cur, e, cursor) : stepUnique(cur, e, file.format === "unified-diff" ? "the hunk's context and removed lines" : "the SEARCH lines");
    if ("reason" in r) {
      const search = r.what ?? e.search;
      failures.push(fail(i, r.reason, `${label(file, i)}: ${r.message}`, { search: excerpt(search), ...(r.matches ? { matches: r.matches } : {}), ...withClosest(cur.lines, search, r.reason) }));
      continue;
    }
    cursor = r.cursor;
  }
  return failures.length ? { ok: false, failures } : { ok: true, text: fromLines(cur) };
}

function withClosest(lines: string[], search: string, reason: MatchFailure["reason"]): Partial<MatchFailure> {
  if (reason !== "not-found") return {};
  const c = closestLines(lines, search);
  return c ? { closest: c } : {};
}

function label(file: ProposedFile, i: number): string {
  const n = file.edits?.length ?? 0;
  const what = file.format === "v4a" ? "V4A hunk" : file.format === "unified-diff" ? "diff hunk" : "SEARCH/REPLACE block";
  return `${what} ${i + 1}${n > 1 ? ` of ${n}` : ""} for ${file.path}`;
}

type Step = { cursor: number } | { reason: MatchFailure["reason"]; message: string; matches?: number; what?: string };

function replaceAt(cur: TextLines, at: number, oldLen: number, replace: string): number {
  const repl = linesOf(replace);
  cur.lines.splice(at, oldLen, ...repl);
  return at + repl.length;
}

/** SEARCH/REPLACE: the SEARCH lines must occur exactly once. */
function stepUnique(cur: TextLines, e: SearchReplaceEdit, noun: string): Step {
  const needle = linesOf(e.search);
  if (!needle.length) return { reason: "file-exists", message: "an empty SEARCH section means a new file, but the file exists: quote the lines to replace" };
  for (const eq of LINE_TIERS) {
    const hits = findSequence(cur.lines, needle, eq);
    if (hits.length === 1) return { cursor: replaceAt(cur, hits[0]!, needle.length, e.replace) };
    if (hits.length > 1) return { reason: "ambiguous", matches: hits.length, message: `${noun} match ${hits.length} places; include more surrounding lines so they match exactly once` };
  }
  return { reason: "not-found", message: `${noun} are not in the file (they must match the current file exactly, including whitespace and comments)` };
}

/** V4A hunk: find the `@@` anchor, then the old lines after it (at the end for `*** End of File`). */
function stepV4A(cur: TextLines, e: SearchReplaceEdit, cursor: number): Step {
  let from = cursor;
  if (e.anchor) {
    const at = firstMatch(cur.lines, [e.anchor], from);
    if (at < 0) return { reason: "not-found", message: `the @@ context line "${e.anchor}" is not in the file after the previous hunk`, what: e.anchor };
    from = at + 1;
  }
  const needle = linesOf(e.search);
  if (!needle.length) {
    // A pure addition: Codex appends it at the end of the file.
    return { cursor: replaceAt(cur, cur.lines.length, 0, e.replace) };
  }
  if (e.eof) {
    const end = cur.lines.length - needle.length;
    if (end >= from && LINE_TIERS.some((eq) => findSequence(cur.lines, needle, eq, end).length)) return { cursor: replaceAt(cur, end, needle.length, e.replace) };
  }
  let at = firstMatch(cur.lines, needle, from);
  // Models often end a hunk with a blank context line the file does not have there.
  if (at < 0 && needle.length > 1 && needle[needle.length - 1] === "") {
    needle.pop();
    at = firstMatch(cur.lines, needle, from);
    if (at >= 0) return { cursor: replaceAt(cur, at, needle.length, linesOf(e.replace).slice(0, -1).join("\n")) };
  }
  if (at < 0) return { reason: "not-found", message: "the hunk's context and removed lines are not in the file after the previous hunk" };
  return { cursor: replaceAt(cur, at, needle.length, e.replace) };
}

function firstMatch(hay: string[], needle: string[], from: number): number {
  for (const eq of LINE_TIERS) {
    const hits = findSequence(hay, needle, eq, from);
    if (hits.length) return hits[0]!;
  }
  return -1;
}
