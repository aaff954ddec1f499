/**
 * What a terminal would act on instead of showing: C0 controls (ESC starts colour, cursor, OSC title and
 * hyperlink sequences; CR overwrites a line), DEL, C1 controls (0x9b is a one-byte CSI), bidi overrides, marks and
 * isolates (Trojan Source), zero-width characters and line/paragraph separators. Newline and tab stay.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Make text from model output or files safe to print: every unsafe character becomes a visible `\uXXXX`
 * escape (valid inside JSON strings too, so `--json` output stays parseable). The CLI prints nothing else raw.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
