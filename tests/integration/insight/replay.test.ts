import { afterEach, describe, expect, it } from "vitest";
import { replayRun } from "../../../src/shared/insight/replayRun.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { seedLoopRun } from "../../support/insight/seedLoopRun.js";

let te: TestEngine | undefined;
afterEach(async () => {
  await te?.dispose();
  te = undefined;
});

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("replay of a finished loop run", () => {
  it("reproduces the recorded prompt, candidate diffs, test results and reward at each step", async () => {
    te = await createTestEngine();
    const { runId, recorded } = seedLoopRun(te.engine.ctx.db, { project: "/srv/calc" });
    const detail = await te.client.call("insight.runShow", { runId });
    const states = replayRun(detail.events);
    expect(states).toHaveLength(detail.events.length);
    let checked = 0;
    detail.events.forEach((e, i) => {
      if (e.type !== "data") return;
      const d = e.data as Obj;
      const s = states[i]!;
      if (e.channel === "prompt") expect(s.prompt).toBe(d.text);
      if (e.channel === "candidate") expect(s.diffs).toEqual(d.plan.files.map((f: Obj) => ({ path: f.path, diff: f.diff })));
      if (e.channel === "tests") expect(s.tests).toMatchObject({ passed: d.summary.passed, failed: d.summary.failed, failing: d.tests.filter((t: Obj) => t.status === "failed").map((t: Obj) => t.name) });
      if (e.channel === "attempt") expect(s.reward).toBe(d.reward.reward);
      if (e.channel === "stage") expect(s.stage).toBe(d.stage);
      checked++;
    });
    expect(checked).toBe(recorded.length);
    // Between events a state carries forward: after the first tests, the second prompt has not replaced the first yet.
    const firstTests = detail.events.findIndex((e) => e.type === "data" && e.channel === "tests");
    expect(states[firstTests]!.prompt).toBe((recorded.find((r) => r.channel === "prompt")!.data as Obj).text);
    expect(states[firstTests]!.reward).toBe(0.5);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ status: "succeeded", outcome: "green", reward: 1, stage: "done", iteration: 2 });
    expect(replayRun(detail.events)).toEqual(states);
  });
});
