import { isLazyMarker } from "./lazyMarkers.js";
import { fromLines, LINE_TIERS, toLines } from "./textLines.js";

export type LazyMerge = { ok: true; text: string } | { ok: false; reason: "lazy-unanchored" | "lazy-ambiguous"; message: string; search: string; matches?: number };

interface Segment {
  lines: string[];
  markerBefore: boolean;
  markerAfter: boolean;
}

class Refusal {
  constructor(
    readonly reason: "lazy-unanchored" | "lazy-ambiguous",
    readonly message: string,
    readonly search: string,
    readonly matches?: number,
  ) {}
}

/**
 * Merge a block written with lazy markers (`// ... existing code ...`) into the file on disk. Each marker keeps the
 * old lines it stands for; the code between markers is placed by its anchors: the first of its lines found in the
 * file after the previous segment (start) and the last one found after that (end), each exactly once — a repeated
 * line is tried with its neighbours, then within the indented block the start opens. A segment whose anchor is
 * missing or repeated is refused with the reason; nothing is guessed. Without a leading marker the block starts at
 * the top of the file, without a trailing one it runs to the end.
 */
export function mergeLazy(oldText: string, blockText: string): LazyMerge {
  const old = toLines(oldText);
  const O = old.lines;
  const out: string[] = [];
  let cursor = 0;
  try {
    const segments = splitSegments(toLines(blockText).lines);
    for (const [i, seg] of segments.entries()) {
      const start = seg.markerBefore ? findStart(O, seg.lines, cursor, i, !seg.markerAfter) : { p: cursor, j: -1 };
      if (start === null) {
        // "…marker, then new code" at the end of the block: the new code is appended.
        out.push(...O.slice(cursor), ...seg.lines);
        cursor = O.length;
        continue;
      }
      const end = seg.markerAfter ? findEnd(O, seg.lines, start, i) : O.length;
      out.push(...O.slice(cursor, start.p), ...seg.lines);
      cursor = Math.max(end, start.p);
    }
    if (segments.length && segments[segments.length - 1]!.markerAfter) out.push(...O.slice(cursor));
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.reason, message: e.message, search: e.search, ...(e.matches ? { matches: e.matches } : {}) };
    throw e;
  }
  return { ok: true, text: fromLines({ lines: out, finalNewline: old.finalNewline || !O.length }) };
}

function splitSegments(lines: string[]): Segment[] {
  const segs: Segment[] = [];
  let cur: string[] = [];
  let markerBefore = false;
  const close = (markerAfter: boolean): void => {
    while (cur.length && !cur[0]!.trim()) cur.shift();
    while (cur.length && !cur[cur.length - 1]!.trim()) cur.pop();
    if (cur.length) segs.push({ lines: cur, markerBefore, markerAfter });
    cur = [];
  };
  for (const l of lines) {
    if (isLazyMarker(l)) {
      close(true);
      markerBefore = true;
    } else cur.push(l);
  }
  close(false);
  return segs;
}

const ordinal = (i: number): string => `segment ${i + 1}`;

/** Lines too common to place code by: brackets, blank, `return`, `pass`, `else:`, `end`… */
const GENERIC = /^(?:[\s{}()[\];,.:]*|(?:return|pass|break|continue|else|end|try|finally|default|do|then|fi|done|esac)\s*[;:]?)$/;
const isAnchor = (line: string): boolean => !GENERIC.test(line.trim());

/**
 * New code after the last marker may be appended only when it plainly stands at the top level: it starts unindented
 * and closes no bracket it did not open (else it belongs inside something the file ends with, like a class).
 */
function appendable(seg: string[]): boolean {
  const first = seg.find((l) => l.trim()) ?? "";
  const text = seg.join("\n");
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  return indent(first) === 0 && count(/[{[(]/g) >= count(/[}\])]/g);
}

/** Positions in `[from, to)` where `line` is, under the strictest comparison that finds any. */
function positions(O: string[], line: string, from: number, to = O.length): number[] {
  for (const eq of LINE_TIERS) {
    const hits: number[] = [];
    for (let p = from; p < to; p++) if (eq(O[p]!, line)) hits.push(p);
    if (hits.length) return hits;
  }
  return [];
}

/** Of several candidates, the one whose neighbours (going `dir`) match the segment's furthest, if that is unique. */
function byNeighbours(O: string[], seg: string[], j: number, hits: number[], dir: 1 | -1): number | null {
  const run = (p: number): number => {
    let k = 1;
    while (seg[j + k * dir] !== undefined && O[p + k * dir] !== undefined && O[p + k * dir]!.trim() === seg[j + k * dir]!.trim()) k++;
    return k;
  };
  const runs = hits.map(run);
  const best = runs.reduce((a, b) => Math.max(a, b), 0);
  return best > 1 && runs.filter((r) => r === best).length === 1 ? hits[runs.indexOf(best)]! : null;
}

/** Where `seg` starts if it equals the file's last non-blank lines (ignoring indentation), else null. */
function tailStart(O: string[], seg: string[]): number | null {
  let e = O.length - 1;
  while (e >= 0 && !O[e]!.trim()) e--;
  const p = e - seg.length + 1;
  return p >= 0 && seg.every((l, k) => l.trim() === O[p + k]!.trim()) ? p : null;
}

/** Where a segment after a marker starts; null when none of its lines is known and it may be appended. */
function findStart(O: string[], seg: string[], from: number, i: number, canAppend: boolean): { p: number; j: number } | null {
  for (let j = 0; j < seg.length; j++) {
    if (!isAnchor(seg[j]!)) continue;
    const hits = positions(O, seg[j]!, from);
    if (!hits.length) continue;
    const p = hits.length === 1 ? hits[0]! : byNeighbours(O, seg, j, hits, 1);
    if (p === null) throw new Refusal("lazy-ambiguous", `lazy ${ordinal(i)}: its first known line "${seg[j]!.trim()}" is in the file ${hits.length} times; cannot tell where the code after the marker goes`, seg[j]!, hits.length);
    return { p, j };
  }
  if (canAppend) {
    // "…marker, then the file's last lines" (often just the closing bracket): it lines up with the end of the file.
    const tail = tailStart(O, seg);
    if (tail !== null && tail >= from) return { p: tail, j: 0 };
    if (appendable(seg)) return null;
  }
  const where = canAppend ? "after the last marker, and it is not top-level code that could simply be appended" : "between the markers";
  throw new Refusal("lazy-unanchored", `lazy ${ordinal(i)}: none of its distinctive lines are in the file, so there is no anchor for the code ${where}`, seg.slice(0, 3).join("\n"));
}

function findEnd(O: string[], seg: string[], start: { p: number; j: number }, i: number): number {
  const from = start.j >= 0 ? start.p + 1 : start.p;
  for (let j = seg.length - 1; j > start.j; j--) {
    if (!isAnchor(seg[j]!)) continue;
    const hits = positions(O, seg[j]!, from);
    if (!hits.length) continue;
    let p = hits.length === 1 ? hits[0]! : byNeighbours(O, seg, j, hits, -1);
    if (p === null && start.j >= 0) {
      const end = blockEnd(O, start.p);
      const inside = hits.filter((h) => h <= end && O[h]!.trimEnd() === seg[j]!.trimEnd());
      if (inside.length === 1) p = inside[0]!;
    }
    if (p === null) throw new Refusal("lazy-ambiguous", `lazy ${ordinal(i)}: its last known line "${seg[j]!.trim()}" is in the file ${hits.length} times after its start; cannot tell where the code before the marker ends`, seg[j]!, hits.length);
    return p + 1;
  }
  // Only the start line is known: a rewritten block (function, class) replaces the old block it opens.
  if (start.j >= 0 && opensBlock(O, start.p)) return blockEnd(O, start.p) + 1;
  return start.j >= 0 ? start.p + 1 : start.p;
}

const indent = (l: string): number => /^\s*/.exec(l)![0].replace(/\t/g, "    ").length;

function nextNonBlank(O: string[], p: number): number {
  for (let k = p + 1; k < O.length; k++) if (O[k]!.trim()) return k;
  return -1;
}

function opensBlock(O: string[], p: number): boolean {
  const n = nextNonBlank(O, p);
  return n >= 0 && indent(O[n]!) > indent(O[p]!);
}

/** The last line of the indented block opened at `p`: its closing bracket line, or its last indented line. */
function blockEnd(O: string[], p: number): number {
  const base = indent(O[p]!);
  let last = p;
  for (let k = p + 1; k < O.length; k++) {
    if (!O[k]!.trim()) continue;
    if (indent(O[k]!) <= base) return /^\s*(?:[}\])]|end\b)/.test(O[k]!) ? k : last;
    last = k;
  }
  return last;
}
