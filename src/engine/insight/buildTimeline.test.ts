import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../shared/contract/runs.js";
import { buildTimeline } from "./buildTimeline.js";
import type { RunRecord } from "./loadRunRecord.js";

const run = { runId: "r", kind: "conductor.loop", status: "succeeded", startedAt: 1000, endedAt: 9000, title: "t" } as RunRecord["run"];
const ev = (seq: number, at: number | undefined, e: Partial<RunEvent>): RunEvent => ({ runId: "r", seq, ...(at === undefined ? {} : { at }), ...e }) as RunEvent;

describe("buildTimeline", () => {
  it("gives every entry its event's time, and places an apply recorded by verify after the events that came before it", () => {
    const rec: RunRecord = {
      run,
      input: {},
      events: [
        ev(0, 1000, { type: "status", status: "running" }),
        ev(1, 2000, { type: "data", channel: "stage", data: { stage: "await_code", iteration: 1 } }),
        ev(2, 5000, { type: "data", channel: "stage", data: { stage: "test", iteration: 1 } }),
        ev(3, 8000, { type: "status", status: "succeeded" }),
      ],
      applies: [{ applyId: "manual", project: "/p", files: ["a.py"], createdAt: 3000, undoneAt: 6000 }],
    };
    const t = buildTimeline(rec);
    expect(t.map((x) => [x.title, x.at])).toEqual([
      ["Started conductor.loop", 1000],
      ["Stage: await_code", 2000],
      ["Applied manual", 3000], // between the two stages, by time — not at the end
      ["Stage: test", 5000],
      ["Undone manual", 6000],
      ["Status: succeeded", 8000],
    ]);
  });

  it("keeps a log written before events carried times readable: no time, run end for the final status, applies at the end", () => {
    const rec: RunRecord = {
      run,
      input: {},
      events: [ev(0, undefined, { type: "data", channel: "stage", data: { stage: "test", iteration: 1 } }), ev(1, undefined, { type: "status", status: "succeeded" })],
      applies: [{ applyId: "a1", project: "/p", files: ["a.py"], createdAt: 3000, undoneAt: null }],
    };
    expect(buildTimeline(rec).map((x) => [x.title, x.at])).toEqual([
      ["Started conductor.loop", 1000],
      ["Stage: test", null],
      ["Status: succeeded", 9000],
      ["Applied a1", 3000],
    ]);
  });
});
