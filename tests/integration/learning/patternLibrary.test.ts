import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { patternSchemaJson, shippedSchemaPath } from "../../../scripts/patternSchema.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { makeAttempt } from "../../support/learning/makeAttempt.js";

const engines: TestEngine[] = [];
async function engine(): Promise<TestEngine> {
  const e = await createTestEngine();
  engines.push(e);
  return e;
}
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

async function seeded(): Promise<TestEngine> {
  const t = await engine();
  const day = 86_400_000;
  t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Fix the crash in the CSV parser when a quote is unbalanced", endedAt: 1_700_000_000_000, models: ["ollama:local/qwen"], code: "def parse_csv(line): pass" }));
  t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Add a fibonacci function", endedAt: 1_700_000_000_000 + day, models: ["ollama:local/llama3"], code: "def fib(n): return n" }));
  t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Add a fibonacci function with memoization", passed: false, iteration: 2, endedAt: 1_700_000_000_000 + 2 * day, models: ["ollama:local/qwen"], code: "def fib(n): return fib(n)" }));
  t.engine.bus.publish("conductor.attempt", makeAttempt({ task: "Write docs for the CSV parser", endedAt: 1_700_000_000_000 + 3 * day, code: "# docs" }));
  return t;
}

describe("pattern library", () => {
  it("ingests each attempt published on conductor.attempt once (same content → one pattern)", async () => {
    const t = await engine();
    const a = makeAttempt();
    t.engine.bus.publish("conductor.attempt", a);
    t.engine.bus.publish("conductor.attempt", { ...a, id: "another-id" });
    const r = await t.client.call("patterns.list", {});
    expect(r.total).toBe(1);
    expect(r.patterns[0]!.id).toBe(a.id);
    const full = await t.client.call("patterns.get", { id: a.id });
    expect(full.answer).toBe(a.answer);
    expect(full.reward).toBe(a.reward!.reward);
    expect(full.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ranks full-text matches by BM25, every word required, and filters by reward, task type, model, date, tag and success", async () => {
    const t = await seeded();
    const csv = await t.client.call("patterns.list", { query: "csv parser" });
    expect(csv.patterns.map((p) => p.task)).toEqual(expect.arrayContaining(["Fix the crash in the CSV parser when a quote is unbalanced", "Write docs for the CSV parser"]));
    expect(csv.patterns).toHaveLength(2);
    expect(csv.patterns[0]!.snippet).toMatch(/\[csv\]|\[parser\]/i);
    expect((await t.client.call("patterns.list", { query: "fibonacci memoization" })).patterns.map((p) => p.task)).toEqual(["Add a fibonacci function with memoization"]);
    expect((await t.client.call("patterns.list", { query: 'fibonacci" OR "csv' })).total).toBe(0);
    expect((await t.client.call("patterns.list", { succeededOnly: true })).total).toBe(3);
    expect((await t.client.call("patterns.list", { maxReward: 0.5 })).patterns.map((p) => p.passed)).toEqual([false]);
    expect((await t.client.call("patterns.list", { taskType: "bugfix" })).patterns.map((p) => p.task)).toEqual(["Fix the crash in the CSV parser when a quote is unbalanced"]);
    expect((await t.client.call("patterns.list", { model: "llama3" })).total).toBe(1);
    expect((await t.client.call("patterns.list", { from: 1_700_000_000_000 + 86_400_000, to: 1_700_000_000_000 + 2 * 86_400_000 })).total).toBe(2);
    const first = (await t.client.call("patterns.list", { sort: "oldest" })).patterns[0]!;
    expect(first.task).toMatch(/CSV parser when/);
    expect((await t.client.call("patterns.tag", { id: first.id, add: ["parsing"] })).tags).toEqual(["parsing"]);
    expect((await t.client.call("patterns.list", { tag: "parsing" })).patterns.map((p) => p.id)).toEqual([first.id]);
    expect((await t.client.call("patterns.list", { query: "parsing" })).patterns.map((p) => p.id)).toEqual([first.id]);
    const byReward = (await t.client.call("patterns.list", { sort: "reward" })).patterns.map((p) => p.reward);
    expect(byReward).toEqual([...byReward].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect((await t.client.call("patterns.delete", { id: first.id })).deleted).toBe(true);
    expect((await t.client.call("patterns.list", { query: "parsing" })).total).toBe(0);
    await expect(t.client.call("patterns.get", { id: first.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("exports and imports into an empty data folder exactly, and a second import only finds duplicates", async () => {
    const src = await seeded();
    const doc = await src.client.call("patterns.export", {});
    expect(doc.patterns).toHaveLength(4);
    const dst = await engine();
    expect(await dst.client.call("patterns.import", { text: JSON.stringify(doc) })).toEqual({ imported: 4, duplicates: 0 });
    const again = await dst.client.call("patterns.export", {});
    expect(again.patterns).toEqual(doc.patterns);
    expect(await dst.client.call("patterns.import", { text: JSON.stringify(doc) })).toEqual({ imported: 0, duplicates: 4 });
    expect((await dst.client.call("patterns.list", { query: "fibonacci" })).total).toBe(2);
  });

  it("refuses malformed, wrong-version, altered and oversized imports with a reason, changing nothing", async () => {
    const src = await seeded();
    const doc = await src.client.call("patterns.export", {});
    const dst = await engine();
    dst.engine.bus.publish("conductor.attempt", makeAttempt({ task: "already here" }));
    const before = await dst.client.call("patterns.export", {});
    const altered = structuredClone(doc);
    altered.patterns[3]!.answer = "rm -rf /";
    const badSecond = structuredClone(doc) as unknown as { patterns: Array<Record<string, unknown>> };
    badSecond.patterns[1]!.reward = "high";
    const cases: Array<[string, RegExp]> = [
      ["{not json", /not JSON/],
      [JSON.stringify({ ...doc, version: 2 }), /unsupported version 2/],
      [JSON.stringify({ hello: "world" }), /not a CodeConductor pattern export/],
      [JSON.stringify(badSecond), /patterns\.1\.reward/],
      [JSON.stringify(altered), /altered/],
      [JSON.stringify({ ...doc, patterns: [...doc.patterns, { ...doc.patterns[0]!, extra: 1 }] }), /schema/],
    ];
    for (const [text, reason] of cases) {
      const err = await dst.client.call("patterns.import", { text }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "invalid_input", message: expect.stringMatching(reason) });
      expect((err as Error).message).toMatch(/Nothing was changed/);
    }
    expect(await dst.client.call("patterns.export", {}).then((d) => d.patterns)).toEqual(before.patterns);
  });

  it("refuses an import over the configured size cap", async () => {
    const t = await createTestEngine({ configYaml: "learning:\n  importMaxBytes: 2048\n" });
    engines.push(t);
    const doc = { format: "codeconductor.patterns", version: 1, exportedAt: 0, patterns: [], pad: "x".repeat(4096) };
    await expect(t.client.call("patterns.import", { text: JSON.stringify(doc) })).rejects.toMatchObject({ message: expect.stringMatching(/over the 2048-byte limit/) });
    expect((await t.client.call("patterns.list", {})).total).toBe(0);
  });

  it("ships a JSON Schema identical to the one generated from the contract (version pinned, unknown keys refused)", () => {
    const shipped = fs.readFileSync(shippedSchemaPath, "utf8");
    expect(shipped, "regenerate with: npx tsx scripts/patternSchema.ts --write").toBe(patternSchemaJson());
    const schema = JSON.parse(shipped) as { properties: { version: { const: number }; patterns: { items: { additionalProperties: boolean; required: string[] } } }; additionalProperties: boolean };
    expect(schema.properties.version.const).toBe(1);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.patterns.items.additionalProperties).toBe(false);
    expect(schema.properties.patterns.items.required).toEqual(expect.arrayContaining(["contentHash", "task", "files", "reward", "passed"]));
  });
});
