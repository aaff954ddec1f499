import { describe, expect, it } from "vitest";
import { OutputCapture } from "./OutputCapture.js";

describe("OutputCapture", () => {
  it("keeps everything under the cap", () => {
    const c = new OutputCapture(100);
    c.push(Buffer.from("hello "));
    c.push(Buffer.from("world"));
    expect([c.text(), c.truncated, c.total]).toEqual(["hello world", false, 11]);
  });

  it("keeps head and tail halves and counts what it dropped, for any chunking", () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(""));
    for (const size of [1, 7, 64, 1000]) {
      const c = new OutputCapture(100);
      for (let i = 0; i < data.length; i += size) c.push(data.subarray(i, i + size));
      expect(c.truncated).toBe(true);
      expect(c.total).toBe(1000);
      expect(c.text()).toBe(`${data.subarray(0, 50).toString()}\n… [900 bytes of output omitted] …\n${data.subarray(950).toString()}`);
    }
  });
});
