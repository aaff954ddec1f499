import { describe, expect, it } from "vitest";
import { outputExample } from "./outputExample.js";

describe("outputExample", () => {
  it("shows the Output Format example in the project's own language, skipping data formats", () => {
    expect(outputExample([undefined, "toml", "python", "typescript"])).toEqual({ fence: "python", path: "src/example.py", comment: "# the complete file" });
    expect(outputExample(["ts"]).path).toBe("src/example.ts");
    expect(outputExample(["go"]).path).toBe("example.go");
  });

  it("falls back to a neutral placeholder, never another language's file", () => {
    expect(outputExample(["markdown"])).toEqual({ fence: "<language>", path: "path/to/file", comment: "the complete file" });
    expect(outputExample([])).toMatchObject({ path: "path/to/file" });
  });
});
