/** A file's text as lines, remembering whether it ended with a newline. */
export interface TextLines {
  lines: string[];
  finalNewline: boolean;
}

export function toLines(text: string): TextLines {
  if (text === "") return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith("\n");
  return { lines: (finalNewline ? text.slice(0, -1) : text).split("\n"), finalNewline };
}

export function fromLines(t: TextLines): string {
  if (!t.lines.length) return "";
  return t.lines.join("\n") + (t.finalNewline ? "\n" : "");
}

/** Line comparisons from strict to loose: exact, ignoring trailing whitespace, ignoring all surrounding whitespace. */
export const LINE_TIERS: Array<(a: string, b: string) => boolean> = [(a, b) => a === b, (a, b) => a.trimEnd() === b.trimEnd(), (a, b) => a.trim() === b.trim()];

/** Start indexes in `[from, to)` where `needle` occurs as consecutive lines of `hay`, under `eq`. */
export function findSequence(hay: string[], needle: string[], eq: (a: string, b: string) => boolean, from = 0, to = hay.length): number[] {
  const out: number[] = [];
  if (!needle.length) return out;
  for (let p = from; p + needle.length <= to; p++) {
    let k = 0;
    while (k < needle.length && eq(hay[p + k]!, needle[k]!)) k++;
    if (k === needle.length) out.push(p);
  }
  return out;
}
