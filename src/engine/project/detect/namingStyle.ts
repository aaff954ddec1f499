const UPPER = 1;
const LOWER = 2;
const DIGIT = 4;

function kind(c: number): number {
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 48 && c <= 57) return DIGIT;
  return 0;
}

/** `name` is letters/digits of the allowed kinds in runs split by single `sep`s (none leading or trailing; at least one). */
function separated(name: string, sep: number, allowed: number): boolean {
  let seps = 0;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === sep) {
      if (name.charCodeAt(i - 1) === sep || i === name.length - 1) return false;
      seps++;
    } else if (!(kind(c) & allowed)) return false;
  }
  return seps > 0;
}

/**
 * Naming style of one identifier, or null when a single lowercase word says nothing. A character scan
 * with exactly the meaning of these patterns (it runs for every symbol of every file, ~5× faster):
 * UPPER_CASE `^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`, snake_case `^[a-z][a-z0-9]*(_[a-z0-9]+)+$`,
 * kebab-case `^[a-z][a-z0-9]*(-[a-z0-9]+)+$`, camelCase `^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$`,
 * PascalCase `^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)*$`.
 */
export function namingStyle(name: string): string | null {
  const first = kind(name.charCodeAt(0));
  if (first === UPPER) {
    if (separated(name, 95 /* _ */, UPPER | DIGIT)) return "UPPER_CASE";
    // PascalCase: an upper letter, a lower letter or digit, then letters and digits only.
    if (name.length < 2 || !(kind(name.charCodeAt(1)) & (LOWER | DIGIT))) return null;
    for (let i = 2; i < name.length; i++) if (!kind(name.charCodeAt(i))) return null;
    return "PascalCase";
  }
  if (first !== LOWER) return null;
  if (separated(name, 95 /* _ */, LOWER | DIGIT)) return "snake_case";
  if (separated(name, 45 /* - */, LOWER | DIGIT)) return "kebab-case";
  // camelCase: letters and digits only, with at least one upper letter.
  let upper = false;
  for (let i = 1; i < name.length; i++) {
    const k = kind(name.charCodeAt(i));
    if (!k) return null;
    if (k === UPPER) upper = true;
  }
  return upper ? "camelCase" : null;
}
