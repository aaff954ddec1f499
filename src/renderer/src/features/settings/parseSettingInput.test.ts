import { describe, expect, it } from "vitest";
import type { ConfigEntry } from "../../../../shared/contract/config.js";
import { formatSettingValue, parseSettingInput } from "./parseSettingInput.js";

const entry = (over: Partial<ConfigEntry>): ConfigEntry => ({ key: "k", value: null, source: "default", ...over });

describe("parseSettingInput", () => {
  it("reads numbers, JSON lists and empty nullable text; refuses text of the wrong shape", () => {
    expect(parseSettingInput(entry({ kind: "number" }), " 4 ")).toEqual({ value: 4 });
    expect(parseSettingInput(entry({ kind: "number" }), "four")).toEqual({ error: 'expected a number, got "four"' });
    expect(parseSettingInput(entry({ kind: "json" }), '["a","b"]')).toEqual({ value: ["a", "b"] });
    expect(parseSettingInput(entry({ kind: "json" }), "[a")).toHaveProperty("error");
    expect(parseSettingInput(entry({ kind: "string", nullable: true }), "  ")).toEqual({ value: null });
    expect(parseSettingInput(entry({ kind: "string" }), "qwen")).toEqual({ value: "qwen" });
  });

  it("formats values for the editor, JSON for lists and empty for null", () => {
    expect(formatSettingValue(entry({ kind: "json", value: [1, 2] }))).toBe("[1,2]");
    expect(formatSettingValue(entry({ kind: "string", value: null, nullable: true }))).toBe("");
    expect(formatSettingValue(entry({ kind: "number", value: 3 }))).toBe("3");
  });
});
