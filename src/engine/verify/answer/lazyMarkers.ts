/** Words that say "the old code goes here" in a placeholder comment. */
const WORDS = /\b(?:existing|unchanged|rest|remaining|omitted|same|other|previous|keep|original|more)\b/i;
const ELLIPSIS = /(?:\.{3}|…)/;

/** The text of a comment that fills a whole line: `// x`, `# x`, `-- x`, `/* x *\/`, `<!-- x -->`, `{/* x *\/}`. */
function commentBody(line: string): string | null {
  const t = line.trim();
  const m =
    /^(?:\/\/+|#+|--|;+)\s*(.*)$/.exec(t) ??
    /^\{?\s*\/\*+\s*(.*?)\s*\*+\/\s*\}?$/.exec(t) ??
    /^<!--\s*(.*?)\s*-->$/.exec(t);
  return m ? m[1]!.trim() : null;
}

/**
 * Whether a line is a lazy placeholder a model writes instead of unchanged code: a whole-line comment that starts
 * with an ellipsis (`// ... existing code ...`, `# ...`, `<!-- ... -->`), or mentions existing/unchanged/rest… code
 * next to an ellipsis (`/* rest of the file unchanged ... *\/`).
 */
export function isLazyMarker(line: string): boolean {
  const body = commentBody(line);
  if (body === null) return false;
  if (/^(?:\.{3}|…)/.test(body)) return true;
  return ELLIPSIS.test(body) && WORDS.test(body);
}

/** Whether any line of `text` is a lazy marker that `existing` (the file on disk, if any) does not itself contain. */
export function hasLazyMarkers(text: string, existing?: string): boolean {
  const own = new Set(existing ? existing.split("\n").filter(isLazyMarker).map((l) => l.trim()) : []);
  return text.split("\n").some((l) => isLazyMarker(l) && !own.has(l.trim()));
}
