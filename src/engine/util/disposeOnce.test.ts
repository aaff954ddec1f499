import { describe, expect, it } from "vitest";
import { disposeOnce } from "./disposeOnce.js";

describe("disposeOnce", () => {
  it("releases once, and a second caller during the release waits for the same completion", async () => {
    let calls = 0;
    let finished = false;
    const dispose = disposeOnce(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      finished = true;
    });
    const first = dispose();
    await dispose().then(() => expect(finished).toBe(true));
    await first;
    await dispose();
    expect(calls).toBe(1);
  });
});
