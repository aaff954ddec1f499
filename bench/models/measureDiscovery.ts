import fs from "node:fs";
import path from "node:path";
import { startFakeOllama, startFakeOpenAI } from "../../tests/support/fakeServers/index.js";
import { writeTinyLlamaGguf } from "../../tests/support/gguf/index.js";
import { createTestEngine } from "../../tests/support/createTestEngine.js";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Discovery of 7 models across 3 backends: 3 GGUF files (headers read, not loaded), Ollama with 2 models
 * (/api/tags, /api/ps, /api/show each), LM Studio with 2 (/v1/models + /api/v1/models), all on 127.0.0.1.
 * Each repetition is a fresh engine's first `models.refresh` (no caches); the first one in the process also
 * pays node-llama-cpp's one-time module import, reported separately.
 */
export async function measureDiscovery(workDir: string, reps: number): Promise<{ coldMs: number; medianMs: number; count: number }> {
  const dir = path.join(workDir, "discovery");
  fs.mkdirSync(dir, { recursive: true });
  for (const n of ["coder-a", "coder-b", "coder-c"]) writeTinyLlamaGguf(path.join(dir, `${n}.gguf`), { seed: n.charCodeAt(6) });
  const ollama = await startFakeOllama({ models: [{ name: "qwen2.5-coder:7b", contextLength: 32768 }, { name: "llama3:8b", loaded: true }] });
  const lms = await startFakeOpenAI({ flavor: "lmstudio", models: [{ name: "deepseek-coder", loaded: true }, { name: "codellama" }] });
  const config = `models:\n  dirs: [${dir}]\n  discovery: false\n  gpu: cpu\n  ollama: { host: "${ollama.url}" }\n  lmstudio: { baseUrl: "${lms.baseUrl}" }\n  health: { intervalMs: 0 }\n`;
  const times: number[] = [];
  let count = 0;
  try {
    for (let i = 0; i <= reps; i++) {
      const te = await createTestEngine({ configYaml: config });
      const t0 = performance.now();
      const list = await te.client.call("models.refresh", {});
      times.push(performance.now() - t0);
      count = list.models.filter((m) => m.status !== "unavailable").length;
      await te.dispose();
    }
  } finally {
    await ollama.close();
    await lms.close();
  }
  return { coldMs: times[0]!, medianMs: median(times.slice(1)), count };
}
