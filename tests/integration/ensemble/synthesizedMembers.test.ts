import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnsembleRunResult } from "../../../src/shared/contract/ensemble.js";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { runToCompletion } from "../../../src/shared/rpc/runToCompletion.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";

// Two tiny random-weight llamas loaded by the real node-llama-cpp path (in its worker process). Random weights
// promise no meaning, only shape: the grammar from the bounded analysis schema must yield parseable answers.
let dir: string;
let te: TestEngine;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-ens-gguf-"));
  writeTinyLlamaGguf(path.join(dir, "tiny-a.gguf"), { seed: 1 });
  writeTinyLlamaGguf(path.join(dir, "tiny-b.gguf"), { seed: 2 });
  te = await createTestEngine({
    configYaml: [
      "models:",
      `  dirs: [${JSON.stringify(dir)}]`,
      "  discovery: false",
      "  backends: [embedded]",
      "  gpu: cpu",
      "  threads: 1",
      "  contextSize: 1024",
      "  maxParallel: 2",
      "sampling: { maxTokens: 400 }",
      "ensemble: { maxStringChars: 6, maxListItems: 1, memberTimeoutSec: 60, samplesPerModel: 2 }",
    ].join("\n"),
  });
}, 120_000);

afterAll(async () => {
  await te?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("ensemble of synthesized GGUF members", () => {
  it("dispatches every member (two seeds per model), validates their grammar-constrained JSON and merges it", async () => {
    const tokens = new Map<string, number>();
    const r = (await runToCompletion(te.client, "ensemble.run", { prompt: "Add a cache" }, {
      onEvent: (e: RunEvent) => {
        if (e.type === "data" && e.channel === "token") {
          const id = (e.data as { memberId: string }).memberId;
          tokens.set(id, (tokens.get(id) ?? 0) + 1);
        }
      },
    })) as EnsembleRunResult;
    expect(r.members.map((m) => [m.label, m.seed])).toEqual([
      ["tiny-a", 42],
      ["tiny-a#2", 43],
      ["tiny-b", 42],
      ["tiny-b#2", 43],
    ]);
    for (const m of r.members) {
      expect(m.modelId).toMatch(/^embedded:/);
      // The grammar (bounded strings and lists, complexity as an enum) guarantees a schema-valid answer.
      expect(m.status).toBe("ok");
      expect(m.analysis!.approach.length).toBeLessThanOrEqual(6);
      expect(m.analysis!.requirements.length).toBeLessThanOrEqual(1);
      expect(tokens.get(m.id)).toBeGreaterThan(0);
    }
    expect(r.consensus.mode).toBe("consensus");
    expect(r.consensus.confidence).toBeGreaterThanOrEqual(0);
    expect(r.consensus.confidence).toBeLessThanOrEqual(1);
    expect(r.consensus.fields).toHaveLength(8);
    expect(r.prompt.text).toContain("## Task\nAdd a cache");
  });
});
