import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnsembleRunResult } from "../../../src/shared/contract/ensemble.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "..");
let tmp: string;
let dataDir: string;

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [path.join(repo, "bin", "codeconductor.js"), ...args, "--data-dir", dataDir], { cwd: repo, timeout: 90_000, env: { ...process.env, NO_COLOR: "1" } });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-ens-cli-"));
  const models = path.join(tmp, "models");
  dataDir = path.join(tmp, "data");
  fs.mkdirSync(models);
  fs.mkdirSync(dataDir);
  writeTinyLlamaGguf(path.join(models, "tiny-a.gguf"), { seed: 11 });
  writeTinyLlamaGguf(path.join(models, "tiny-b.gguf"), { seed: 12 });
  fs.writeFileSync(
    path.join(dataDir, "config.yaml"),
    [
      "models:",
      `  dirs: [${JSON.stringify(models)}]`,
      "  discovery: false",
      "  backends: [embedded]",
      "  gpu: cpu",
      "  threads: 1",
      "  contextSize: 2048",
      "sampling: { maxTokens: 400 }",
      "ensemble: { maxStringChars: 6, maxListItems: 1, turnMaxTokens: 40, memberTimeoutSec: 60 }",
    ].join("\n"),
  );
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("codeconductor run (CLI) with synthesized models", () => {
  it("prints members, consensus, confidence and the prompt as JSON", async () => {
    const { stdout } = await cli("run", "--prompt", "Add a cache", "--json");
    const r = JSON.parse(stdout) as EnsembleRunResult;
    expect(r.members.map((m) => [m.label, m.status])).toEqual([
      ["tiny-a", "ok"],
      ["tiny-b", "ok"],
    ]);
    expect(r.consensus.mode).toBe("consensus");
    expect(typeof r.consensus.confidence).toBe("number");
    expect(r.prompt.text).toMatch(/^## Task\nAdd a cache\n/);
  });

  it("runs a debate with --agents/--rounds and prints it for humans", async () => {
    const { stdout, stderr } = await cli("run", "--prompt", "Add a cache", "--agents", "architect,coder", "--rounds", "1", "--timeout-per-turn", "30");
    expect(stderr).toContain("Asking 2 members: tiny-a, tiny-b");
    expect(stdout).toMatch(/^Members \(2\):\n {2}m1 {2}tiny-a +ok/m);
    expect(stdout).toContain("Debate (1 rounds: architect, coder):");
    expect(stdout).toMatch(/\[1\] architect: /);
    expect(stdout).toMatch(/Consensus: consensus, confidence \d\.\d\d \(sources: tiny-a, tiny-b\)/);
    expect(stdout).toMatch(/Prompt \(cursor_prompt\.md, \d+\/6000 tokens by estimate\):\n-+\n## Task\nAdd a cache/);
  });

  it("fails clearly on an unknown persona and without models", async () => {
    await expect(cli("run", "--prompt", "x", "--agents", "wizard")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown persona: wizard") });
    await expect(cli("run", "--prompt", "x", "--models", "nope")).rejects.toMatchObject({ stderr: expect.stringContaining('Model "nope" is not available') });
  });
});
