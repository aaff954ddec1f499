import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResult } from "../../../src/shared/contract/models.js";
import type { EnsembleRunResult } from "../../../src/shared/contract/ensemble.js";
import { startFakeOllama, type FakeServer } from "../../support/fakeServers/index.js";

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "..");
let tmp: string;
let ollama: FakeServer;

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const k of ["MAX_PARALLEL_MODELS", "ENSEMBLE_SIZE", "FORCE_MODEL", "ENGINE_MODEL_ALLOWLIST", "SELECTOR_POLICY", "OLLAMA_HOST"]) delete env[k];
  return exec(process.execPath, [path.join(repo, "bin", "codeconductor.js"), ...args, "--data-dir", tmp], { cwd: repo, timeout: 170_000, env });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-ens-size-"));
  ollama = await startFakeOllama({ models: [{ name: "alpha:1b" }, { name: "barsmodel:7b-q4" }, { name: "gamma:1b" }, { name: "delta:1b" }] });
  fs.writeFileSync(
    path.join(tmp, "config.yaml"),
    ["models:", "  discovery: false", "  backends: [ollama]", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }"].join("\n"),
  );
});

afterAll(async () => {
  await ollama?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("ensemble size and model names (CLI, four models on a fake Ollama)", () => {
  it("a default run asks three of four usable models although MAX_PARALLEL_MODELS is 2", async () => {
    const { stdout } = await cli("run", "--prompt", "Add a cache", "--json");
    const r = JSON.parse(stdout) as EnsembleRunResult;
    expect(r.members.map((m) => m.label)).toEqual(["alpha:1b", "barsmodel:7b-q4", "gamma:1b"]);
  }, 180_000);

  it("chat takes the same partial model name run --models takes", async () => {
    const { stdout } = await cli("chat", "-m", "barsmodel:7b", "--json", "hello");
    expect((JSON.parse(stdout) as ChatResult).modelId).toBe("ollama:local/barsmodel:7b-q4");
    const run = JSON.parse((await cli("run", "--prompt", "x", "--models", "barsmodel:7b", "--json")).stdout) as EnsembleRunResult;
    expect(run.members.map((m) => m.modelId)).toEqual(["ollama:local/barsmodel:7b-q4"]);
  }, 180_000);
});
