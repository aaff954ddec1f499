import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./CircuitBreaker.js";

describe("CircuitBreaker", () => {
  it("opens after N consecutive failures, half-opens after the cooldown, one trial at a time", () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
    b.failure("a");
    b.failure("b");
    b.success(); // a success resets the count
    b.failure("c");
    b.failure("d");
    expect(b.state).toBe("closed");
    b.failure("e");
    expect(b.state).toBe("open");
    expect(b.allow()).toBe(false);
    expect(b.lastError).toBe("e");
    now = 999;
    expect(b.state).toBe("open");
    now = 1000;
    expect(b.state).toBe("half-open");
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // the trial is in flight
    b.failure("still down");
    expect(b.state).toBe("open"); // a failed trial re-opens at once
    now = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe("closed");
    expect(b.lastError).toBeUndefined();
  });

  it("a released trial lets the next one through", () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: () => now });
    b.failure("x");
    now = 10;
    expect(b.allow()).toBe(true);
    b.release();
    expect(b.allow()).toBe(true);
  });
});
