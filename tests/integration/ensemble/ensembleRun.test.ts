import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnsembleRunResult } from "../../../src/shared/contract/ensemble.js";
import type { RunInput } from "../../../src/shared/contract/methods.js";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { runToCompletion } from "../../../src/shared/rpc/runToCompletion.js";
import { startFakeOllama, startFakeOpenAI, type FakeServer } from "../../support/fakeServers/index.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { ANSWER_A, ANSWER_B, ANSWER_C } from "../../support/ensemble/analyses.js";

// Protocol-faithful local servers with scripted answers: Ollama serves a/b/c (answers by model), one
// OpenAI-compatible server answers garbage, one never sends a first token, one streams forever.
let ollama: FakeServer;
let garbage: FakeServer;
let sleepy: FakeServer;
let endless: FakeServer;
let te: TestEngine;
let projectDir: string;

const CODE: Record<string, string> = {
  "a:1b": "def add(a, b):\n    return a + b",
  "b:1b": "def add(x, y):\n    return x + y",
  "c:1b": "import functools\nprint(functools.reduce(lambda p, q: p * q, [1, 2, 3]))",
};
const A = "ollama:local/a:1b";
const B = "ollama:local/b:1b";
const C = "ollama:local/c:1b";
const GARBAGE = "openai:junk/garbage";
const SLEEPY = "openai:slow/sleepy";
const ENDLESS = "openai:endless/stuck";

beforeAll(async () => {
  const answers: Record<string, unknown> = { "a:1b": ANSWER_A, "b:1b": ANSWER_B, "c:1b": ANSWER_C };
  ollama = await startFakeOllama({
    models: [{ name: "a:1b" }, { name: "b:1b" }, { name: "c:1b" }],
    reply: (body) => {
      if (body.format) return JSON.stringify(answers[String(body.model)]);
      const system = (body.messages as Array<{ content: string }>)[0]!.content;
      return system.startsWith("Write the code") ? "Here:\n```python\n" + CODE[String(body.model)] + "\n```" : `turn by ${String(body.model)}`;
    },
  });
  garbage = await startFakeOpenAI({ flavor: "vllm", models: [{ name: "garbage" }], reply: "Sure! I think you should, like, write some code." });
  sleepy = await startFakeOpenAI({ flavor: "vllm", models: [{ name: "sleepy" }], fault: { kind: "slowFirstToken", delayMs: 60_000 } });
  endless = await startFakeOpenAI({ flavor: "vllm", models: [{ name: "stuck" }], fault: { kind: "neverEnding", intervalMs: 20 } });
  const endpoints = [
    ["junk", garbage],
    ["slow", sleepy],
    ["endless", endless],
  ].map(([name, s]) => `{ name: ${name as string}, baseUrl: "${(s as FakeServer).baseUrl}" }`);
  te = await createTestEngine({
    configYaml: [
      "models:",
      "  discovery: false",
      "  backends: [ollama, openai]",
      `  ollama: { host: "${ollama.url}" }`,
      "  lmstudio: { enabled: false }",
      `  openaiEndpoints: [${endpoints.join(", ")}]`,
      "  maxParallel: 8",
      "ensemble:",
      "  size: 0",
      "  memberTimeoutSec: 30",
    ].join("\n"),
  });
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-ens-project-"));
  fs.mkdirSync(path.join(projectDir, ".cursor", "rules"), { recursive: true });
  fs.writeFileSync(path.join(projectDir, ".cursor", "rules", "style.mdc"), "---\ndescription: style\nalwaysApply: true\n---\nUse tabs, never spaces.\n");
}, 60_000);

afterAll(async () => {
  await te?.dispose();
  await Promise.all([ollama, garbage, sleepy, endless].map((s) => s?.close()));
  if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
});

async function run(input: RunInput<"ensemble.run">, onEvent?: (e: RunEvent) => void): Promise<EnsembleRunResult> {
  return runToCompletion(te.client, "ensemble.run", input, { onEvent });
}

describe("ensemble.run over local servers", () => {
  it("merges scripted answers into the exact consensus, confidence and disagreements, streaming members as they arrive", async () => {
    const events: RunEvent[] = [];
    const r = await run({ prompt: "Build a user service", models: [A, B, C], projectDir, copy: true }, (e) => events.push(e));
    expect(r.members.map((m) => [m.label, m.status])).toEqual([
      ["a:1b", "ok"],
      ["b:1b", "ok"],
      ["c:1b", "ok"],
    ]);
    expect(r.consensus.mode).toBe("consensus");
    expect(r.consensus.confidence).toBe(0.75);
    expect(r.consensus.merged).toMatchObject({ approach: ANSWER_A.approach, complexity: 3, requirements: ["validate input", "store users"] });
    expect(r.consensus.disagreements).toEqual(
      expect.arrayContaining([
        { field: "approach", kind: "differs", value: "Write a CLI script", members: ["c:1b"] },
        { field: "files", kind: "only", value: "src/db.ts", members: ["a:1b"] },
      ]),
    );
    expect(r.consensus.disagreements).toHaveLength(5);
    // Live: the member list first, tokens while they stream, each answer as it lands, then consensus and prompt.
    const channels = events.filter((e) => e.type === "data").map((e) => (e.type === "data" ? e.channel : ""));
    expect(channels[0]).toBe("members");
    expect(channels.filter((c) => c === "member")).toHaveLength(3);
    expect(channels).toContain("token");
    expect(channels.indexOf("consensus")).toBeGreaterThan(channels.lastIndexOf("member"));
    expect(channels.at(-1)).toBe("prompt");
    // The prompt: sections from the merged analysis, the project's rules, a note on the missing repo map.
    expect(r.prompt.text).toContain("## Approach\nUse a REST API with Express");
    expect(r.prompt.text).toContain("Use tabs, never spaces.");
    expect(r.prompt.text).toContain('approach: c:1b said "Write a CLI script"');
    expect(events.some((e) => e.type === "log" && /no repo map used/.test(e.message))).toBe(true);
    // Copied through the clipboard port and announced.
    expect(r.prompt.copied).toBe(true);
    expect(await te.engine.ctx.ports.clipboard.read({ maxBytes: 1e9 })).toMatchObject({ kind: "text", text: r.prompt.text });
    expect((await te.client.call("system.notices", {})).notices.some((n) => n.title === "Prompt copied")).toBe(true);
  });

  it("survives a member that times out, one that returns garbage and one that is cancelled", async () => {
    let runId = "";
    const cancelled: boolean[] = [];
    const r = await run({ prompt: "Build a user service", models: [A, B, GARBAGE, SLEEPY, ENDLESS], memberTimeoutSec: 1.5 }, (e) => {
      runId = e.runId;
      if (e.type === "data" && e.channel === "token" && (e.data as { memberId: string }).memberId === "m5" && !cancelled.length) {
        cancelled.push(false);
        void te.client.call("ensemble.cancelMember", { runId, memberId: "m5" }).then((x) => (cancelled[0] = x.cancelled));
      }
    });
    const status = Object.fromEntries(r.members.map((m) => [m.label, m.status]));
    expect(status).toEqual({ "a:1b": "ok", "b:1b": "ok", garbage: "invalid", sleepy: "timeout", stuck: "cancelled" });
    expect(cancelled).toEqual([true]);
    expect(r.members.find((m) => m.label === "garbage")!.rawText).toContain("write some code");
    expect(r.consensus.mode).toBe("consensus");
    expect(r.consensus.sources).toEqual(["a:1b", "b:1b"]);
    // 2 of 5 attempted answered: confidence = agreement(a, b) × (0.5 + 0.5 × 2/5).
    const agreement = r.consensus.fields.reduce((s, f) => s + f.agreement * { approach: 0.2, requirements: 0.2, files: 0.15, complexity: 0.1, dependencies: 0.1, constraints: 0.05, risks: 0.05, test_plan: 0.15 }[f.field], 0);
    expect(r.consensus.confidence).toBeCloseTo(agreement * 0.7, 2);
    await expect.poll(() => endless.activeStreams, { timeout: 5000 }).toBe(0);
  });

  it("leaves the clipboard alone unless the run asks or 'copy prompts automatically' (ui.copyPrompts) is on", async () => {
    await te.engine.ctx.ports.clipboard.writeText("mine");
    const plain = await run({ prompt: "Build a user service", models: [A, B] });
    expect(plain.prompt.copied).toBe(false);
    expect(await te.engine.ctx.ports.clipboard.read({ maxBytes: 1e9 })).toMatchObject({ kind: "text", text: "mine" });
    await te.client.call("config.set", { key: "ui.copyPrompts", value: true });
    try {
      const auto = await run({ prompt: "Build a user service", models: [A, B] });
      expect(auto.prompt.copied).toBe(true);
      expect(await te.engine.ctx.ports.clipboard.read({ maxBytes: 1e9 })).toMatchObject({ kind: "text", text: auto.prompt.text });
    } finally {
      await te.client.call("config.set", { key: "ui.copyPrompts", reset: true });
    }
  });

  it("proceeds at the quorum and skips the straggler", async () => {
    const t0 = Date.now();
    const r = await run({ prompt: "Build a user service", models: [A, B, C, SLEEPY], quorum: 3 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.quorumReached).toBe(true);
    expect(r.members.find((m) => m.label === "sleepy")!.status).toBe("skipped");
    expect(r.consensus.confidence).toBe(0.75);
  });

  it("gives a low-confidence single-source result and the fallback prompt when fewer than two answers are valid", async () => {
    const r = await run({ prompt: "Fix the login bug", models: [A, GARBAGE] });
    expect(r.consensus).toMatchObject({ mode: "single-source", confidence: 0.25, sources: ["a:1b"] });
    expect(r.prompt.fallback).toBe(false);
    const none = await run({ prompt: "Fix the login bug", models: [GARBAGE] });
    expect(none.consensus.mode).toBe("none");
    expect(none.prompt.fallback).toBe(true);
    expect(none.prompt.text).toContain("## Task\nFix the login bug");
  });

  it("runs a persona debate with a per-turn timeout, then the synthesis, and stores the transcript with the run", async () => {
    const personas = path.join(projectDir, "personas.yaml");
    fs.writeFileSync(
      personas,
      [
        "personas:",
        "  architect: { role: designs, instructions: Design it., model: a:1b }",
        "  coder: { role: codes, instructions: Code it., model: b:1b }",
        "  slowpoke: { name: Slowpoke, role: thinks slowly, instructions: Take your time., model: sleepy }",
      ].join("\n"),
    );
    const before = ollama.requests.length;
    let runId = "";
    const r = await run(
      { prompt: "Build a user service", models: [A, B, SLEEPY], memberTimeoutSec: 1, debate: { personasFile: personas, agents: ["architect", "coder", "slowpoke"], rounds: 2, timeoutPerTurnSec: 0.4 } },
      (e) => (runId = e.runId),
    );
    const d = r.debate!;
    expect(d.agents).toEqual(["architect", "coder", "slowpoke"]);
    expect(d.turns.map((t) => [t.round, t.agent, t.status, t.content])).toEqual([
      [1, "architect", "ok", "turn by a:1b"],
      [1, "coder", "ok", "turn by b:1b"],
      [1, "slowpoke", "timeout", ""],
      [2, "architect", "ok", "turn by a:1b"],
      [2, "coder", "ok", "turn by b:1b"],
      [2, "slowpoke", "timeout", ""],
    ]);
    // Round 2 saw round 1; the synthesis saw the whole debate.
    const userOf = (body: unknown): string => ((body as { messages: Array<{ role: string; content: string }> }).messages.find((m) => m.role === "user")?.content ?? "");
    const chats = ollama.requests.slice(before).filter((q) => q.path === "/api/chat").map((q) => q.body as { format?: unknown; messages: unknown });
    const round2 = chats.filter((b) => !b.format && userOf(b).includes("Round 2 of 2"));
    expect(round2).toHaveLength(2);
    expect(userOf(round2[0])).toContain("[round 1] Coder: turn by b:1b");
    const synthesis = chats.filter((b) => b.format);
    expect(synthesis).toHaveLength(2);
    expect(userOf(synthesis[0])).toContain("A debate among architect, coder, slowpoke came first");
    expect(r.consensus.sources).toEqual(["a:1b", "b:1b"]);
    // Persisted: the transcript method reads it back from SQLite, and the run's stored result carries it.
    expect((await te.client.call("ensemble.transcript", { runId })).turns).toEqual(d.turns.map((t) => ({ ...t, elapsedMs: Math.round(t.elapsedMs) })));
    const stored = await te.client.call("runs.get", { runId });
    expect((stored.result as EnsembleRunResult).debate!.turns).toHaveLength(6);
  });

  it("rejects unknown personas with the list of known ones", async () => {
    await expect(run({ prompt: "x", models: [A], debate: { agents: ["architect", "wizard"] } })).rejects.toThrow(/Unknown persona: wizard\. Available: architect, coder/);
  });

  it("in code mode, keeps the CodeBLEU matrix, picks the medoid and hands its draft to the fallback prompt", async () => {
    const r = await run({ prompt: "Write add()", mode: "code", language: "python", models: [A, B, C] });
    expect(r.members.map((m) => m.code)).toEqual([CODE["a:1b"], CODE["b:1b"], CODE["c:1b"]]);
    const code = r.code!;
    expect(code.labels).toEqual(["a:1b", "b:1b", "c:1b"]);
    expect(code.matrix).toHaveLength(3);
    expect(code.used).toEqual(["ngram", "weighted", "ast", "dataflow"]);
    // a and b differ only by names: AST and data flow match fully, so they score each other far above c.
    expect(code.matrix[0]![1]).toBeGreaterThan(0.5);
    expect(code.matrix[0]![2]).toBeLessThan(code.matrix[0]![1]!);
    expect(code.labels[code.winner]).not.toBe("c:1b");
    expect(r.consensus.mode).toBe("consensus");
    expect(r.consensus.confidence).toBeCloseTo(code.meanScores[code.winner]!, 3);
    expect(r.prompt.fallback).toBe(true);
    // The draft has its own heading (not "Patterns That Worked Before"); examples are in the run's language.
    expect(r.prompt.text).toMatch(/## Draft from the local models\nThe CodeBLEU medoid of 3 candidates, by \S+; a starting point, not a finished answer:\n```python\n/);
    expect(r.prompt.text).not.toContain("Patterns That Worked Before");
    expect(r.prompt.text).toContain(CODE[code.labels[code.winner]!]);
    expect(r.prompt.text).toContain("```python path=src/example.py\n# the complete file\n```");
    expect(r.prompt.text).not.toContain("example.ts");
  });

  it("answers ensemble.codebleu and ensemble.members over the contract", async () => {
    const m = await te.client.call("ensemble.codebleu", { candidates: [{ code: CODE["a:1b"]! }, { code: CODE["b:1b"]! }], language: "python" });
    expect(m.labels).toEqual(["c1", "c2"]);
    expect(m.matrix[0]![0]).toBe(1);
    const members = await te.client.call("ensemble.members", { models: [A, C], samplesPerModel: 2 });
    expect(members.members.map((x) => x.label)).toEqual(["a:1b", "a:1b#2", "c:1b", "c:1b#2"]);
    expect(members.policy).toBe("explicit");
  });

  it("fits the repo map from the project analysis into the token budget, trimming lowest priority first and reporting the cut", async () => {
    fs.mkdirSync(path.join(projectDir, "src"), { recursive: true });
    fs.writeFileSync(path.join(projectDir, "package.json"), JSON.stringify({ name: "demo", scripts: { test: "vitest run" } }));
    for (let i = 0; i < 30; i++) {
      fs.writeFileSync(path.join(projectDir, "src", `mod${i}.ts`), `export function handler${i}(request: Request, options: { retries: number }): Promise<Response> {\n  return fetch(request);\n}\n`);
    }
    await runToCompletion(te.client, "project.analyze", { path: projectDir });
    const roomy = await run({ prompt: "Build a user service", models: [A, B], projectDir });
    expect(roomy.prompt.cut).toEqual([]);
    expect(roomy.prompt.text).toContain("## Repository Map (excerpt)");
    expect(roomy.prompt.text).toContain("handler29");
    expect(roomy.prompt.text).toMatch(/## Test Command\nMake sure `[^`]*(npm|vitest)[^`]*` passes\./);
    const budget = roomy.prompt.tokens - 60;
    const tight = await run({ prompt: "Build a user service", models: [A, B], projectDir, promptTokenBudget: budget });
    expect(tight.prompt.tokens).toBeLessThanOrEqual(budget);
    expect(tight.prompt.overBudget).toBe(false);
    // Rules outrank the map: the map is shortened, the rules stay whole.
    expect(tight.prompt.cut).toEqual([{ section: "repo_map", tokensRemoved: expect.any(Number), kept: "partial" }]);
    expect(tight.prompt.cut[0]!.tokensRemoved).toBeGreaterThanOrEqual(60);
    expect(tight.prompt.text).toContain("… (trimmed to fit the token budget)");
    expect(tight.prompt.text).toContain("Use tabs, never spaces.");
  });

  it("cancels the whole ensemble", async () => {
    // Not SLEEPY: after the earlier tests' timeouts its circuit breaker may be open, which is right but not this test's point.
    const { runId } = await te.client.call("runs.start", { kind: "ensemble.run", input: { prompt: "x", models: [A, ENDLESS] } });
    await expect.poll(() => endless.activeStreams, { timeout: 5000 }).toBe(1);
    await te.client.call("runs.cancel", { runId });
    await te.engine.ctx.runs.wait(runId);
    expect((await te.client.call("runs.get", { runId })).run.status).toBe("cancelled");
    await expect.poll(() => endless.activeStreams, { timeout: 5000 }).toBe(0);
  });
});

describe("ensemble doctor checks", () => {
  it("reports personas and templates, and names a broken template with its fix", async () => {
    const ok = (await te.client.call("system.doctor", {})).checks.filter((c) => c.id.startsWith("ensemble."));
    expect(ok.map((c) => [c.id, c.status])).toEqual([
      ["ensemble.personas", "ok"],
      ["ensemble.template.cursor_prompt.md", "ok"],
      ["ensemble.template.cursor_prompt_fallback.md", "ok"],
    ]);
    const file = path.join(te.dataDir, "templates", "cursor_prompt.md");
    const original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, "{{#each requirements}}unclosed");
    try {
      const bad = (await te.client.call("system.doctor", {})).checks.find((c) => c.id === "ensemble.template.cursor_prompt.md")!;
      expect(bad.status).toBe("fail");
      expect(bad.detail).toMatch(/does not parse/);
      expect(bad.fix).toContain(file);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
