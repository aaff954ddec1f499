import { afterEach, describe, expect, it } from "vitest";
import { createTestEngine, type TestEngine } from "../../tests/support/createTestEngine.js";

let te: TestEngine | undefined;
afterEach(async () => {
  await te?.dispose();
  te = undefined;
});

describe("createEngine", () => {
  it("boots under plain Node and answers over the contract", async () => {
    te = await createTestEngine();
    const pong = await te.client.call("system.ping", {});
    expect(pong.pong).toBe(true);
    const info = await te.client.call("system.info", {});
    expect(info.dataDir).toBe(te.dataDir);
    expect(info.dbReadOnly).toBe(false);
  });
});
