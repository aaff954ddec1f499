import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTinyLlamaGguf, type GgufCorruption } from "../../../../tests/support/gguf/index.js";
import { readGgufMeta } from "./readGgufMeta.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-gguf-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readGgufMeta", () => {
  it("reads architecture, parameters, quantization, context and size without loading", async () => {
    const f = writeTinyLlamaGguf(path.join(dir, "tiny.gguf"), { type: "Q8_0", contextLength: 2048, chatTemplate: "{{ messages }}" });
    const meta = await readGgufMeta(f.file, 4096);
    expect(meta).toMatchObject({
      sizeBytes: f.sizeBytes,
      architecture: "llama",
      displayName: "tiny",
      parameterCount: f.parameterCount,
      quantization: "Q8_0",
      contextLength: 2048,
      hasChatTemplate: true,
    });
    expect(meta.problem).toBeUndefined();
    // weights + KV cache at min(4096, 2048) tokens + compute
    expect(meta.memoryEstimateBytes).toBe(f.sizeBytes + 2 * 2 * 2048 * 64 * 2 + 64 * 2 ** 20);
  });

  it.each<[GgufCorruption, RegExp]>([
    ["empty", /empty file/],
    ["badMagic", /not a GGUF file/],
    ["truncated", /truncated: tensor data needs \d+ bytes but the file has \d+/],
    ["absurdDims", /absurd/],
    ["missingHeadCount", /head_count is missing/],
    ["missingFeedForward", /feed_forward_length is missing/],
  ])("flags a %s file with a clear problem instead of throwing", async (corrupt, message) => {
    const f = writeTinyLlamaGguf(path.join(dir, `${corrupt}.gguf`), { corrupt });
    const meta = await readGgufMeta(f.file, 4096);
    expect(meta.problem).toMatch(message);
    expect(meta.memoryEstimateBytes).toBeUndefined();
  });
});
