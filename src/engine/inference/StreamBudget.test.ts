import { describe, expect, it } from "vitest";
import { StreamBudget } from "./StreamBudget.js";

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const budgets = { connectMs: 60, firstTokenMs: 60, idleMs: 60, totalMs: 400 };

describe("StreamBudget", () => {
  it.each([
    ["connect", (_b: StreamBudget) => {}],
    ["firstToken", (b: StreamBudget) => b.connected()],
    ["idle", (b: StreamBudget) => b.token()],
  ])("the %s budget fires with a timeout naming it", async (name, step) => {
    const b = new StreamBudget(budgets);
    step(b);
    await wait(120);
    expect(b.signal.aborted).toBe(true);
    expect(b.error).toMatchObject({ code: "timeout", details: { budget: name } });
    b.dispose();
  });

  it("steady tokens keep it alive until the total budget", async () => {
    const b = new StreamBudget(budgets);
    const t0 = performance.now();
    while (!b.signal.aborted && performance.now() - t0 < 1000) {
      b.token();
      await wait(20);
    }
    expect(b.error).toMatchObject({ details: { budget: "total" } });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it("follows the parent signal and stays quiet after dispose", async () => {
    const parent = new AbortController();
    const b = new StreamBudget(budgets, parent.signal);
    parent.abort();
    expect(b.signal.aborted).toBe(true);
    expect(b.error).toBeUndefined();
    const c = new StreamBudget(budgets);
    c.dispose();
    await wait(100);
    expect(c.signal.aborted).toBe(false);
  });
});
