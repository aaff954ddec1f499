import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedPool } from "../../../src/engine/inference/embedded/EmbeddedPool.js";
import type { ModelInfo } from "../../../src/engine/inference/types.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";

const crashing = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "crashingWorker.mjs");

afterEach(() => {
  delete process.env.CC_INFERENCE_WORKER;
});

describe("a llama.cpp abort while loading", () => {
  it("fails with corrupt, is remembered until the file changes, and leaves other models loadable", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-crash-"));
    const bad = writeTinyLlamaGguf(path.join(dir, "bad.gguf"));
    const good = writeTinyLlamaGguf(path.join(dir, "good.gguf"), { seed: 2 });
    const info = (name: string, file: string): ModelInfo => ({ id: `embedded:local/${name}`, backend: "embedded", provider: "local", name, status: "available", path: file, contextLength: 1024 });
    let changes = 0;
    const pool = new EmbeddedPool({ gpu: false, memoryBudgetBytes: 0, contextSize: () => 256, threads: () => 1, onChange: () => changes++ });
    try {
      process.env.CC_INFERENCE_WORKER = crashing;
      const first = pool.ensure(info("bad", bad.file));
      await expect(first).rejects.toMatchObject({ code: "corrupt", message: expect.stringMatching(/crashed while loading this file \(Inference worker stopped \(signal SIGABRT\).*GGML_ASSERT/) });
      expect(pool.problem(bad.file)).toMatch(/crashed while loading/);
      expect(changes).toBeGreaterThan(0);
      // Not retried: no new worker is started for the same unchanged file.
      await expect(pool.ensure(info("bad", bad.file))).rejects.toMatchObject({ code: "corrupt" });
      // The real worker loads other models fine.
      delete process.env.CC_INFERENCE_WORKER;
      const ok = await pool.ensure(info("good", good.file));
      expect(ok.host.alive).toBe(true);
      // Rewriting the file clears the memory of the crash.
      writeTinyLlamaGguf(bad.file, { seed: 3, contextLength: 512 });
      expect(pool.problem(bad.file)).toBeUndefined();
    } finally {
      await pool.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
