import { describe, expect, it } from "vitest";
import type { Candidate } from "../../shared/contract/conductor.js";
import type { RunEvent } from "../../shared/contract/runs.js";
import { rebuildLoopState } from "./rebuildLoopState.js";

let seq = 0;
const data = (channel: string, d: unknown): RunEvent => ({ runId: "r", seq: seq++, type: "data", channel, data: d });
const candidate = (preApplied = false): Candidate => ({
  iteration: 1,
  source: "clipboard",
  bytes: 10,
  plan: { planId: "p1", project: "/p", createdAt: 1, files: [], unmapped: [], notes: [], touchesTests: false },
  failures: [],
  preApplied,
});
const prompt = data("prompt", { iteration: 1, kind: "initial", text: "the prompt", tokens: 3, copied: true, cut: [] });

describe("rebuildLoopState (resume after kill -9)", () => {
  it("waits for code again when the process died before a candidate was approved", () => {
    const s = rebuildLoopState([prompt, data("candidate", candidate())]);
    expect(s).toMatchObject({ iteration: 1, prompt: "the prompt", resume: { at: "await" } });
  });

  it("applies again when it died after approval but before the apply finished (the journal has rolled back or forward)", () => {
    const s = rebuildLoopState([prompt, data("candidate", candidate()), data("approval", { iteration: 1, approved: true, by: "user" })]);
    expect(s.resume).toMatchObject({ at: "apply", candidate: { plan: { planId: "p1" } } });
  });

  it("applies again only the files the user approved, with the protected ones they confirmed", () => {
    const approval = { iteration: 1, approved: true, by: "user", files: ["calc.py"], confirmProtected: [".env.example"] };
    const s = rebuildLoopState([prompt, data("candidate", candidate()), data("approval", approval)]);
    expect(s.resume).toMatchObject({ at: "apply", approve: ["calc.py"], confirmProtected: [".env.example"] });
    const old = rebuildLoopState([prompt, data("candidate", candidate()), data("approval", { iteration: 1, approved: true, by: "user" })]);
    expect(old.resume).toMatchObject({ at: "apply", approve: "all", confirmProtected: [] }); // a log written before files were recorded
  });

  it("tests when it died after the apply, and starts a new iteration after a recorded attempt", () => {
    const applied = [prompt, data("candidate", candidate()), data("approval", { iteration: 1, approved: true, by: "auto" }), data("applied", { iteration: 1, applyId: "a1", written: ["calc.py"] })];
    expect(rebuildLoopState(applied).resume).toMatchObject({ at: "test", applyId: "a1", written: ["calc.py"] });
    const fix = data("prompt", { iteration: 2, kind: "fix", text: "fix it", tokens: 2, copied: true, cut: [] });
    const s = rebuildLoopState([...applied, fix]);
    expect(s).toMatchObject({ iteration: 2, prompt: "fix it", resume: { at: "await" } });
  });

  it("tests a watch/command candidate the generator had already written", () => {
    expect(rebuildLoopState([prompt, data("candidate", candidate(true))]).resume).toMatchObject({ at: "test", applyId: null });
  });
});
