import { describe, expect, it } from "vitest";
import { ModelScheduler } from "./ModelScheduler.js";

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("ModelScheduler", () => {
  it("serializes requests to one model and caps parallelism", async () => {
    const s = new ModelScheduler({ maxParallel: 2, cpuSlots: 8 });
    const order: string[] = [];
    const a1 = await s.acquire({ modelId: "a", cpuThreads: 0 });
    const a2 = s.acquire({ modelId: "a", cpuThreads: 0 }).then((r) => (order.push("a2"), r));
    const b = await s.acquire({ modelId: "b", cpuThreads: 0 });
    const c = s.acquire({ modelId: "c", cpuThreads: 0 }).then((r) => (order.push("c"), r));
    await tick();
    expect(order).toEqual([]);
    expect(s.stats).toMatchObject({ running: 2, waiting: 2 });
    a1();
    await tick();
    expect(order).toEqual(["a2"]);
    b();
    await tick();
    expect(order).toEqual(["a2", "c"]);
    (await a2)();
    (await c)();
    expect(s.stats).toEqual({ running: 0, waiting: 0, cpuUsed: 0 });
  });

  it("runs CPU-bound models side by side only while their threads fit the cores", async () => {
    const s = new ModelScheduler({ maxParallel: 4, cpuSlots: 2 });
    const tiny1 = await s.acquire({ modelId: "t1", cpuThreads: 1 });
    const tiny2 = await s.acquire({ modelId: "t2", cpuThreads: 1 }); // 1 + 1 ≤ 2: parallel
    let bigStarted = false;
    const big = s.acquire({ modelId: "big", cpuThreads: 2 }).then((r) => ((bigStarted = true), r));
    const remote = await s.acquire({ modelId: "http", cpuThreads: 0 }); // remote servers never wait for cores
    await tick();
    expect(bigStarted).toBe(false);
    tiny1();
    await tick();
    expect(bigStarted).toBe(false);
    tiny2();
    await tick();
    expect(bigStarted).toBe(true);
    remote();
    (await big)();
    // A model wanting more threads than there are cores still runs (alone).
    const huge = await s.acquire({ modelId: "huge", cpuThreads: 16 });
    huge();
  });

  it("an aborted waiter leaves the queue with cancelled", async () => {
    const s = new ModelScheduler({ maxParallel: 1, cpuSlots: 1 });
    const first = await s.acquire({ modelId: "a", cpuThreads: 0 });
    const ac = new AbortController();
    const waiting = s.acquire({ modelId: "b", cpuThreads: 0 }, ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: "cancelled" });
    expect(s.stats.waiting).toBe(0);
    first();
    first(); // release is idempotent
    expect(s.stats.running).toBe(0);
  });
});
