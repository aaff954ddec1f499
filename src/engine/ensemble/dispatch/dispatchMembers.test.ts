import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { MemberResult, MemberSpec } from "../../../shared/contract/ensemble.js";
import { analysisJson, ScriptedGateway, type Script } from "../../../../tests/support/ensemble/ScriptedGateway.js";
import { parseMemberAnswer } from "../analysis/parseMemberAnswer.js";
import { dispatchMembers, type DispatchOptions } from "./dispatchMembers.js";

function setup(scripts: Record<string, Script>, over: Partial<DispatchOptions> = {}) {
  const gateway = new ScriptedGateway(scripts);
  const members: MemberSpec[] = Object.keys(scripts).map((id, i) => ({ id: `m${i + 1}`, modelId: id, label: id }));
  const events: string[] = [];
  const tokens = new Map<string, string>();
  let cancel: ((id: string) => boolean) | undefined;
  const controller = new AbortController();
  const run = dispatchMembers({
    members,
    gateway,
    messagesFor: () => [{ role: "user", content: "task" }],
    interpret: parseMemberAnswer,
    timeoutMs: 2000,
    quorum: 0,
    signal: controller.signal,
    onStart: (id) => events.push(`start ${id}`),
    onTokens: (id, t) => tokens.set(id, (tokens.get(id) ?? "") + t),
    onResult: (r) => events.push(`${r.label} ${r.status}`),
    registerCancel: (c) => (cancel = c),
    ...over,
  });
  return { run, gateway, events, tokens, controller, cancel: (id: string) => cancel!(id) };
}

const byLabel = (rs: MemberResult[]): Record<string, MemberResult> => Object.fromEntries(rs.map((r) => [r.label, r]));

describe("dispatchMembers", () => {
  it("asks all members at once and streams their tokens; a timeout, garbage and a failure never fail the dispatch", async () => {
    const t0 = Date.now();
    const { run, tokens, events } = setup(
      {
        good: { reply: analysisJson(), delayMs: 150 },
        slow: { hang: true },
        garbage: { reply: "I would rather write a poem.", delayMs: 150 },
        broken: { fail: new AppError(ErrorCode.Unavailable, "backend down"), delayMs: 150 },
      },
      { timeoutMs: 400 },
    );
    const { results } = await run;
    const r = byLabel(results);
    // In parallel: three members answer at ~150 ms together, the hung one stops at its 400 ms timeout.
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(r.good!.status).toBe("ok");
    expect(r.good!.analysis!.complexity).toBe(2);
    expect(tokens.get("m1")).toBe(analysisJson());
    expect(r.slow).toMatchObject({ status: "timeout", error: { code: "timeout", message: "no answer within 0.4 s" } });
    expect(r.garbage).toMatchObject({ status: "invalid", error: { code: "bad_model_output" }, rawText: "I would rather write a poem." });
    expect(r.broken).toMatchObject({ status: "error", error: { code: "unavailable", message: "backend down" } });
    expect(events.slice(0, 4)).toEqual(["start m1", "start m2", "start m3", "start m4"]);
    expect(events.at(-1)).toBe("slow timeout");
  });

  it("cancels one member on request and carries on with the rest", async () => {
    const { run, cancel } = setup({ a: { reply: analysisJson(), delayMs: 100 }, b: { hang: true } });
    setTimeout(() => expect(cancel("m2")).toBe(true), 30);
    const r = byLabel((await run).results);
    expect(r.a!.status).toBe("ok");
    expect(r.b!.status).toBe("cancelled");
    expect(cancel("m2")).toBe(false); // already finished
  });

  it("proceeds once the quorum of valid answers is in and skips the stragglers", async () => {
    const t0 = Date.now();
    const { run } = setup(
      {
        fast1: { reply: analysisJson(), delayMs: 20 },
        junk: { reply: "nope", delayMs: 10 },
        fast2: { reply: analysisJson(), delayMs: 60 },
        slow: { reply: analysisJson(), delayMs: 5000 },
      },
      { quorum: 2, timeoutMs: 10_000 },
    );
    const { results, quorumReached } = await run;
    expect(quorumReached).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
    const r = byLabel(results);
    expect(r.junk!.status).toBe("invalid"); // invalid answers do not count towards the quorum
    expect(r.slow).toMatchObject({ status: "skipped", error: { message: "quorum reached before it answered" } });
    expect([r.fast1!.status, r.fast2!.status]).toEqual(["ok", "ok"]);
  });

  it("stops every member when the whole ensemble is cancelled", async () => {
    const { run, controller } = setup({ a: { hang: true }, b: { hang: true } });
    setTimeout(() => controller.abort(), 30);
    const { results } = await run;
    expect(results.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("makes the one repair attempt on text the gateway rejected as bad JSON", async () => {
    const bad = "```json\n" + analysisJson().replace(/}$/, ",}") + "\n```";
    const { run } = setup({ near: { fail: new AppError(ErrorCode.BadModelOutput, "not JSON", { details: { text: bad } }) } });
    const [r] = (await run).results;
    expect(r).toMatchObject({ status: "repaired", rawText: bad, analysis: { complexity: 2 } });
    expect(r!.repairs[0]).toBe("took the JSON out of a Markdown code fence");
  });

  it("passes seeds, the JSON schema and the per-member budget to the gateway", async () => {
    const schema = { type: "object" };
    const { run, gateway } = setup({ a: { reply: analysisJson() } }, { jsonSchema: schema, timeoutMs: 1234 });
    await run;
    expect(gateway.requests[0]).toMatchObject({ modelId: "a", jsonSchema: schema, budgets: { totalMs: 1234 } });
  });
});
