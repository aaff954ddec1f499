import { describe, expect, it } from "vitest";
import { languageBars } from "./languageBars.js";

describe("languageBars", () => {
  it("gives shares by lines, largest first, folding the tail into other", () => {
    const bars = languageBars(
      [
        { language: "python", files: 2, lines: 100, bytes: 1 },
        { language: "typescript", files: 5, lines: 300, bytes: 1 },
        { language: "json", files: 1, lines: 50, bytes: 1 },
        { language: "yaml", files: 1, lines: 50, bytes: 1 },
      ],
      3,
    );
    expect(bars).toEqual([
      { language: "typescript", files: 5, lines: 300, percent: 60 },
      { language: "python", files: 2, lines: 100, percent: 20 },
      { language: "other", files: 2, lines: 100, percent: 20 },
    ]);
  });

  it("is empty when nothing was counted", () => {
    expect(languageBars([])).toEqual([]);
  });
});
