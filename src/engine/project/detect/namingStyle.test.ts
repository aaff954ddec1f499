import { describe, expect, it } from "vitest";
import { namingStyle } from "./namingStyle.js";

/** The definition the scanner must match exactly. */
function byRegex(name: string): string | null {
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name)) return "UPPER_CASE";
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)) return "snake_case";
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name)) return "kebab-case";
  if (/^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(name)) return "camelCase";
  if (/^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)*$/.test(name)) return "PascalCase";
  return null;
}

describe("namingStyle", () => {
  it("classifies like the patterns it documents", () => {
    const samples = ["MAX_ITEMS", "MAX", "A_1", "_A", "A__B", "A_", "snake_case", "a_", "a__b", "my-file", "a-", "-a", "camelCase", "aBC", "a1B", "lower",
      "PascalCase", "P", "PA", "Pa", "P1x", "HTTPServer", "Ab_c", "a-b_c", "", "1abc", "ünï", "$x", "x$", "getX", "X_y", "x_Y", "x-Y", "a_b-c"];
    for (const s of samples) expect(namingStyle(s), s).toBe(byRegex(s));
    // And a few thousand random names over the characters that matter.
    const chars = "aZb9_-A$zQ0";
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 5000; k++) {
      const name = Array.from({ length: 1 + rnd(7) }, () => chars[rnd(chars.length)]).join("");
      expect(namingStyle(name), name).toBe(byRegex(name));
    }
  });
});
