import { describe, expect, it } from "vitest";
import { unicodeLint } from "./unicodeLint.js";

describe("unicodeLint", () => {
  it("flags bidi controls (Trojan Source) as errors with their line and column", () => {
    const src = 'access = "user"\nif access != "user\u202e \u2066// admin\u2069 \u2066":\n    grant()\n';
    const f = unicodeLint("auth.py", src);
    expect(f.filter((x) => x.rule === "security/bidi-control").map((x) => [x.line, x.column, x.severity])).toEqual([
      [2, 19, "error"],
      [2, 21, "error"],
      [2, 30, "error"],
      [2, 32, "error"],
    ]);
  });

  it("flags zero-width characters but not a leading byte-order mark", () => {
    const f = unicodeLint("a.ts", "\ufeffconst is\u200bAdmin = true;\nconst x = 1;\u2060\n");
    expect(f.map((x) => [x.rule, x.line, x.column])).toEqual([
      ["security/zero-width", 1, 10],
      ["security/zero-width", 2, 13],
    ]);
  });

  it("flags identifiers mixing Latin with a look-alike script (homoglyphs), not single-script names", () => {
    const f = unicodeLint("pay.js", "import { p\u0430ypal } from './pay';\nconst \u0441\u0447\u0451\u0442 = 1; const caf\u00e9 = 2; const \u03b1\u03b2 = 3;\n");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "security/mixed-script", line: 1, column: 10, severity: "warning" });
    expect(f[0]!.message).toMatch(/Latin and Cyrillic/);
  });

  it("finds nothing in plain code", () => {
    expect(unicodeLint("ok.py", "def add(a, b):\n    return a + b  # «sum» — fine\n")).toEqual([]);
  });
});
