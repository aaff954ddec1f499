import { describe, expect, it } from "vitest";
import { closestLines } from "./closestLines.js";

describe("closestLines", () => {
  const file = Array.from({ length: 20_000 }, (_, i) => `const value${i} = compute(${i}, "item-${i}");`);

  it("finds the window a slightly wrong SEARCH meant, in a long file, with its 1-based lines and similarity", () => {
    const search = 'const value12345 = compute(12345, "item-12345")\nconst value12346 = compute(12346, \'item-12346\');\n';
    const c = closestLines(file, search);
    expect(c).toMatchObject({ startLine: 12346, endLine: 12347 });
    expect(c!.text).toBe(`${file[12345]}\n${file[12346]}`);
    expect(c!.similarity).toBeGreaterThan(0.85);
    expect(c!.similarity).toBeLessThan(1);
  });

  it("scores an exact window 1 and gives nothing for unrelated text or an empty search", () => {
    expect(closestLines(["a = 1", "b = 2", "c = 3"], "b = 2\n")).toEqual({ startLine: 2, endLine: 2, similarity: 1, text: "b = 2" });
    expect(closestLines(["a = 1", "b = 2"], "SELECT * FROM users WHERE id = ?;\n")).toBeUndefined();
    expect(closestLines(["a = 1"], "\n")).toBeUndefined();
  });
});
