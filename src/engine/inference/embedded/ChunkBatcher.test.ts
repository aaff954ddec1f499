import { afterEach, describe, expect, it, vi } from "vitest";
import { ChunkBatcher } from "./ChunkBatcher.js";

describe("ChunkBatcher", () => {
  afterEach(() => void vi.useRealTimers());

  it("sends the first chunk at once, coalesces the next ones, and never holds text longer than the interval", () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const b = new ChunkBatcher((t) => sent.push(t), 25);
    b.push("a");
    b.push("b");
    b.push("");
    b.push("c");
    expect(sent).toEqual(["a"]);
    vi.advanceTimersByTime(25);
    expect(sent).toEqual(["a", "bc"]);
    b.push("d");
    b.flush();
    b.flush();
    expect(sent).toEqual(["a", "bc", "d"]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(["a", "bc", "d"]);
  });
});
