import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, startFakeOpenAI, type FakeServer } from "../../support/fakeServers/index.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";

const root = path.resolve(import.meta.dirname, "../../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cli-models-"));
let ollama: FakeServer;
let openai: FakeServer;

/** Run the real CLI (through tsx) and collect its output; `onStdout` may interrupt it. */
function cli(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/run.ts"), ...args, "--data-dir", dataDir], { cwd: root, env: { ...process.env, CC_TEMP: "0.5" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const models = path.join(dataDir, "gguf");
  writeTinyLlamaGguf(path.join(models, "tiny-a.gguf"), { seed: 1 });
  writeTinyLlamaGguf(path.join(models, "tiny-b.gguf"), { seed: 2, type: "Q8_0" });
  ollama = await startFakeOllama({ models: [{ name: "qwen:7b", contextLength: 8192 }], reply: "Hello from Ollama, token by token.", chunkDelayMs: 5 });
  openai = await startFakeOpenAI({ flavor: "llamacpp", models: [{ name: "coder.gguf", contextLength: 4096 }], reply: "Hello from llama.cpp server.", chunkDelayMs: 5 });
  fs.writeFileSync(
    path.join(dataDir, "config.yaml"),
    ["models:", `  dirs: [${models}]`, "  discovery: false", "  gpu: cpu", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }", `  openaiEndpoints: [{ name: llamacpp, baseUrl: "${openai.url}" }]`, "  health: { intervalMs: 0 }", ""].join("\n"),
  );
});
afterAll(async () => {
  await ollama.close();
  await openai.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("codeconductor models / chat", () => {
  it("`models --json` lists synthesized GGUFs and server models with metadata", async () => {
    const r = await cli(["models", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { models: Array<Record<string, unknown>>; backends: Array<Record<string, unknown>> };
    const ids = out.models.map((m) => m.id).sort();
    expect(ids).toEqual(["embedded:local/tiny-a", "embedded:local/tiny-b", "ollama:local/qwen:7b", "openai:llamacpp/coder.gguf"]);
    expect(out.models.find((m) => m.id === "embedded:local/tiny-b")).toMatchObject({ quantization: "Q8_0", contextLength: 1024, architecture: "llama", status: "available" });
    expect(out.models.find((m) => m.id === "openai:llamacpp/coder.gguf")).toMatchObject({ contextLength: 4096 });
    expect(out.backends.filter((b) => b.healthy).length).toBe(3);
    const human = await cli(["models", "--no-probe"]);
    expect(human.stdout).toMatch(/embedded:local\/tiny-a\s+available/);
    expect(human.stdout).toMatch(/Backends:/);
  });

  it.each([
    ["embedded:local/tiny-a", null],
    ["ollama:local/qwen:7b", "Hello from Ollama, token by token."],
    ["openai:llamacpp/coder.gguf", "Hello from llama.cpp server."],
  ])("`chat -m %s` streams the answer and prints TTFT and tok/s", async (model, expected) => {
    const r = await cli(["chat", "-m", model, "--max-tokens", "16", "say", "hello"]);
    expect(r.code).toBe(0);
    if (expected) expect(r.stdout.trim()).toBe(expected);
    else expect(r.stdout.length).toBeGreaterThan(1);
    expect(r.stderr).toMatch(/\[TTFT \d+ ms · [\d.–]+ tok\/s · \d+ tokens · finish: (stop|length)\]/);
    if (expected) return;
    const j = await cli(["chat", "-m", model, "--max-tokens", "8", "--json", "hi"]);
    expect(JSON.parse(j.stdout)).toMatchObject({ modelId: model, metrics: { ttftMs: expect.any(Number) } });
  });

  it("Ctrl+C cancels a streaming chat cleanly and the server sees the client leave", async () => {
    openai.setFault({ kind: "neverEnding", intervalMs: 20 });
    const before = openai.abortedStreams;
    let sent = false;
    const r = await cli(["chat", "-m", "openai:llamacpp/coder.gguf", "go"], (text, child) => {
      if (!sent && text.length > 10) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    openai.setFault(null);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Cancelling/);
    expect(r.stderr).toMatch(/error \(cancelled\)/);
    expect(openai.abortedStreams).toBeGreaterThan(before);
  });
});
