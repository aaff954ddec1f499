import { describe, expect, it } from "vitest";
import type { MemberResult } from "../../../../shared/contract/ensemble.js";
import type { RunEvent } from "../../../../shared/contract/runs.js";
import { deriveEnsembleView } from "./deriveEnsembleView.js";

let seq = 0;
const data = (channel: string, d: unknown): RunEvent => ({ runId: "r", seq: seq++, type: "data", channel, data: d });
const result = (id: string, status: MemberResult["status"]): MemberResult => ({
  id,
  modelId: `x/${id}`,
  label: id,
  status,
  rawText: `final ${id}`,
  repairs: [],
  startedAt: 1,
  elapsedMs: 5,
  ttftMs: null,
  tokensPerSecond: null,
  completionTokens: null,
  truncated: false,
});

describe("deriveEnsembleView", () => {
  it("folds run events into live members, streamed text, turns and status", () => {
    const events: RunEvent[] = [
      { runId: "r", seq: seq++, type: "status", status: "running" },
      data("members", { members: [{ id: "m1", modelId: "x/a", label: "a" }, { id: "m2", modelId: "x/b", label: "b" }] }),
      data("memberStart", { memberId: "m1", startedAt: 10 }),
      data("token", { memberId: "m1", text: "{\"appr" }),
      data("token", { memberId: "m1", text: "oach\"" }),
      data("turn", { round: 1, agent: "coder", modelId: "x/a", status: "ok", content: "hi", elapsedMs: 3 }),
      { runId: "r", seq: seq++, type: "progress", fraction: 0.5, message: "a: ok" },
    ];
    const v = deriveEnsembleView(events);
    expect(v.status).toBe("running");
    expect(v.members.map((m) => [m.spec.label, m.status, m.text])).toEqual([
      ["a", "running", '{"approach"'],
      ["b", "pending", ""],
    ]);
    expect(v.turns).toHaveLength(1);
    expect(v.progress).toEqual({ fraction: 0.5, message: "a: ok" });
    const done = deriveEnsembleView([...events, data("member", result("m2", "timeout")), { runId: "r", seq: seq++, type: "status", status: "failed" }, { runId: "r", seq: seq++, type: "error", error: { code: "x", message: "boom" } }]);
    expect(done.members[1]).toMatchObject({ status: "timeout", text: "final m2" });
    expect(done).toMatchObject({ status: "failed", error: "boom" });
  });
});
