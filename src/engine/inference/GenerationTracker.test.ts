import { describe, expect, it } from "vitest";
import { GenerationTracker } from "./GenerationTracker.js";

describe("GenerationTracker", () => {
  it("caps output at a byte count without splitting a character, and reports truncated", () => {
    const seen: string[] = [];
    let capped = 0;
    const t = new GenerationTracker({ maxOutputBytes: 7, onToken: (x) => seen.push(x), onCap: () => capped++ });
    expect(t.push("abc")).toBe(true);
    expect(t.push("dé")).toBe(true); // 3 bytes → 6
    expect(t.push("€x")).toBe(false); // "€" is 3 bytes: it does not fit in the last byte
    expect(t.push("more")).toBe(false);
    expect(t.text).toBe("abcdé");
    expect(seen).toEqual(["abc", "dé"]);
    expect(capped).toBe(1);
    expect(t.result("m", { finish: "stop" })).toMatchObject({ finishReason: "truncated", truncated: true });
  });

  it("measures TTFT and tokens/s from the first chunk", () => {
    const t = new GenerationTracker({});
    expect(t.ttftMs).toBeNull();
    t.push("a");
    t.push("b");
    const r = t.result("m", { finish: "length", completionTokens: 2, promptTokens: 5 });
    expect(r.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(r.metrics).toMatchObject({ promptTokens: 5, completionTokens: 2 });
    expect(r).toMatchObject({ finishReason: "length", truncated: true, text: "ab" });
  });
});
