import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { runData } from "../../../src/shared/rpc/runToCompletion.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { copyFixtureProject, PY_CALC } from "../../support/conductor/fixtureProject.js";
import { startFakeOllama } from "../../support/fakeServers/index.js";

let te: TestEngine | undefined;
afterEach(async () => {
  await te?.dispose();
  te = undefined;
});

/** Start a loop and collect its events; `until` waits for a predicate over them. */
async function startLoop(t: TestEngine, input: Record<string, unknown>) {
  const events: RunEvent[] = [];
  const waiters: Array<() => void> = [];
  await t.client.subscribe("run.event", (e) => {
    events.push(e);
    for (const w of waiters.splice(0)) w();
  });
  const { runId } = await t.client.call("runs.start", { kind: "conductor.loop", input });
  const mine = () => events.filter((e) => e.runId === runId);
  const until = async (pred: (es: RunEvent[]) => boolean, ms = 40_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!pred(mine())) {
      if (Date.now() > end) throw new Error(`timed out; last events: ${JSON.stringify(mine().slice(-5))}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { runId, events: mine, until };
}

const awaitingCount = (es: RunEvent[]) => es.filter((e) => runData("conductor.loop", "awaiting", e)).length;
const stages = (es: RunEvent[]) => es.flatMap((e) => runData("conductor.loop", "stage", e)?.stage ?? []);

describe("conductor.loop over the engine (in-memory clipboard)", () => {
  it("copies the prompt, takes the answer from the clipboard, asks for approval, tests green and records the attempt", async () => {
    te = await createTestEngine();
    const project = copyFixtureProject("py-calc");
    const loop = await startLoop(te, { task: "Make add return the sum of a and b", project, skipAnalysis: true });
    await loop.until((es) => awaitingCount(es) > 0);
    const prompt = loop.events().map((e) => runData("conductor.loop", "prompt", e)).find(Boolean)!;
    expect(prompt.text).toContain("calc.py");
    const clip = te.engine.ctx.ports.clipboard;
    expect(await clip.read({ maxBytes: 1e7 })).toMatchObject({ kind: "text", text: prompt.text });
    // Unrelated text and a citation block are ignored quietly.
    await clip.writeText("just some notes I copied");
    await clip.writeText(PY_CALC.citation);
    await clip.writeText(PY_CALC.right);
    await loop.until((es) => stages(es).includes("approve"));
    expect(loop.events().filter((e) => runData("conductor.loop", "ignored", e)).length).toBe(2);
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("a - b"); // nothing written before approval
    await te.client.call("conductor.approve", { runId: loop.runId });
    await loop.until((es) => es.some((e) => e.type === "status" && e.status !== "running"));
    const result = loop.events().find((e) => e.type === "result");
    expect(result && result.type === "result" && result.result).toMatchObject({ outcome: "green", iterations: 1, reward: 1 });
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("a + b");
    const { attempts } = await te.client.call("conductor.attempts", { runId: loop.runId });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ iteration: 1, passed: true, files: [{ path: "calc.py", action: "modify" }] });
    const notices = (await te.client.call("system.notices", {})).notices.map((n) => n.title);
    expect(notices).toEqual(expect.arrayContaining(["Prompt copied", "Code detected", "Awaiting approval", "Tests passed"]));
  });

  it("writes a fix prompt naming the failing test after a wrong answer, then goes green on the second attempt", async () => {
    te = await createTestEngine();
    const project = copyFixtureProject("py-calc");
    const loop = await startLoop(te, { task: "Make add return the sum", project, skipAnalysis: true, autoApprove: true });
    const clip = te.engine.ctx.ports.clipboard;
    await loop.until((es) => awaitingCount(es) > 0);
    await clip.writeText(PY_CALC.wrong);
    await loop.until((es) => awaitingCount(es) > 1);
    const fix = loop.events().map((e) => runData("conductor.loop", "prompt", e)).filter(Boolean).at(-1)!;
    expect(fix).toMatchObject({ iteration: 2, kind: "fix" });
    expect(fix.text).toContain("test_add");
    expect(await clip.read({ maxBytes: 1e7 })).toMatchObject({ kind: "text", text: fix.text });
    await clip.writeText(PY_CALC.right);
    await loop.until((es) => es.some((e) => e.type === "result"));
    const r = loop.events().find((e) => e.type === "result");
    expect(r && r.type === "result" && r.result).toMatchObject({ outcome: "green", iterations: 2 });
  });

  it("stops early when the same failure repeats", async () => {
    te = await createTestEngine();
    const project = copyFixtureProject("py-calc");
    const loop = await startLoop(te, { task: "Make add return the sum", project, skipAnalysis: true, autoApprove: true, maxIterations: 5 });
    const clip = te.engine.ctx.ports.clipboard;
    await loop.until((es) => awaitingCount(es) > 0);
    await clip.writeText(PY_CALC.wrong);
    await loop.until((es) => awaitingCount(es) > 1);
    await clip.writeText(PY_CALC.wrongAgain);
    await loop.until((es) => es.some((e) => e.type === "result"));
    const r = loop.events().find((e) => e.type === "result");
    expect(r && r.type === "result" && r.result).toMatchObject({ outcome: "repeated_failure", iterations: 2 });
  });

  it("lets the reviewer persona (a local model) check the candidate against the task, beside the diff", async () => {
    const ollama = await startFakeOllama({
      models: [{ name: "rev:1b" }],
      reply: (body) => (JSON.stringify(body.messages).includes("Reviewer") ? JSON.stringify({ findings: [{ severity: "warning", message: "add() has no test for negative numbers" }] }) : "{}"),
    });
    try {
      te = await createTestEngine({ configYaml: `models:\n  discovery: false\n  backends: [ollama]\n  ollama: { host: "${ollama.url}" }\n  lmstudio: { enabled: false }\n` });
      const project = copyFixtureProject("py-calc");
      const loop = await startLoop(te, { task: "Make add return the sum", project, skipAnalysis: true, autoApprove: true, review: true });
      await loop.until((es) => awaitingCount(es) > 0);
      await te.engine.ctx.ports.clipboard.writeText(PY_CALC.right);
      await loop.until((es) => es.some((e) => e.type === "result"));
      const reviews = loop.events().flatMap((e) => runData("conductor.loop", "review", e) ?? []);
      expect(reviews.find((r) => r.by.startsWith("reviewer"))).toMatchObject({ by: "reviewer (ollama:local/rev:1b)", findings: [{ severity: "warning", message: "add() has no test for negative numbers" }] });
    } finally {
      await ollama.close();
    }
  });

  it("offers the pattern of an earlier green loop as a similar past solution in the next loop's prompt", async () => {
    te = await createTestEngine();
    const clip = te.engine.ctx.ports.clipboard;
    const first = await startLoop(te, { task: "Make add return the sum of a and b", project: copyFixtureProject("py-calc"), skipAnalysis: true, autoApprove: true });
    await first.until((es) => awaitingCount(es) > 0);
    await clip.writeText(PY_CALC.right);
    await first.until((es) => es.some((e) => e.type === "result"));
    const second = await startLoop(te, { task: "Make add return the sum of two numbers", project: copyFixtureProject("py-calc"), skipAnalysis: true });
    await second.until((es) => awaitingCount(es) > 0);
    const similar = second.events().map((e) => runData("conductor.loop", "similar", e)).find(Boolean);
    expect(similar?.patterns[0]).toMatchObject({ task: "Make add return the sum of a and b", reward: 1 });
    const prompt = second.events().map((e) => runData("conductor.loop", "prompt", e)).find(Boolean)!;
    expect(prompt.text).toContain("Similar past solutions");
    await te.client.call("runs.cancel", { runId: second.runId });
  });
});
