import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../../../../shared/contract/runs.js";
import { deriveLoopView } from "./deriveLoopView.js";

let seq = 0;
const data = (channel: string, d: unknown): RunEvent => ({ runId: "r", seq: seq++, type: "data", channel, data: d });

describe("deriveLoopView", () => {
  it("follows stages, the waiting hint, the prompt and approval from the event log", () => {
    const events: RunEvent[] = [
      { runId: "r", seq: seq++, type: "status", status: "running" },
      data("stage", { stage: "prompt", iteration: 0 }),
      data("prompt", { iteration: 1, kind: "initial", text: "do it", tokens: 2, copied: true, cut: [] }),
      data("stage", { stage: "await_code", iteration: 1 }),
      data("awaiting", { iteration: 1, generator: "clipboard", watch: "events", hint: "copy Cursor's answer" }),
      data("ignored", { reason: "no code block with a file path", bytes: 5 }),
    ];
    let v = deriveLoopView(events);
    expect(v).toMatchObject({ status: "running", stage: "await_code", iteration: 1, hint: "copy Cursor's answer", watch: "events", prompt: { text: "do it", kind: "initial" }, awaitingApproval: false });
    expect(v.timeline.map((t) => t.text)).toContain("ignored: no code block with a file path");
    events.push(data("stage", { stage: "approve", iteration: 1 }));
    v = deriveLoopView(events);
    expect(v.awaitingApproval).toBe(true);
    expect(v.hint).toBeNull();
    events.push(data("approval", { iteration: 1, approved: true, by: "hotkey" }));
    expect(deriveLoopView(events).awaitingApproval).toBe(false);
  });

  it("ignores data that breaks the contract instead of showing garbage", () => {
    const v = deriveLoopView([data("stage", { stage: "nonsense", iteration: "x" }), data("prompt", { text: 3 })]);
    expect(v.stage).toBeNull();
    expect(v.prompt).toBeNull();
  });
});
