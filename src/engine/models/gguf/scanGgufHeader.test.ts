import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeHostileGguf, writeTinyLlamaGguf, type HostileGguf } from "../../../../tests/support/gguf/index.js";
import { readGgufMeta } from "./readGgufMeta.js";
import { scanGgufHeader } from "./scanGgufHeader.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-hostile-gguf-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ELEMENT_TYPES: Array<[string, number]> = [["u8", 0], ["i8", 1], ["u16", 2], ["i16", 3], ["u32", 4], ["i32", 5], ["f32", 6], ["bool", 7], ["string", 8], ["u64", 10], ["i64", 11], ["f64", 12]];
const VARIANTS: Array<[string, HostileGguf]> = [
  ...ELEMENT_TYPES.map(([n, t]): [string, HostileGguf] => [`2^40-element ${n} array`, { kind: "hugeArray", elementType: t }]),
  ["2^32-1-element u32 array (the 28 s / 2.3 GB variant)", { kind: "hugeArray", elementType: 4, count: 2n ** 32n - 1n }],
  ["2^40-byte key", { kind: "hugeKeyLength" }],
  ["2^40-byte string value", { kind: "hugeStringValue" }],
  ["string running past the end of the file", { kind: "stringPastEof" }],
  ["metadata count past the end of the file", { kind: "kvCountPastEof" }],
  ["2^40 tensors", { kind: "tensorCountHuge" }],
  ["tensor with 2^31 dimensions", { kind: "tensorDimsHuge" }],
  ["array of 2^32 arrays", { kind: "nestedArrayBomb" }],
];

describe("hostile GGUF headers", () => {
  it.each(VARIANTS)("a %s is listed as invalid with a reason, without allocating what it claims", async (name, h) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.gguf`);
    const size = writeHostileGguf(file, h);
    const rssBefore = process.memoryUsage().rss;
    const meta = await readGgufMeta(file, 4096);
    expect(meta.sizeBytes).toBe(size);
    expect(meta.problem).toMatch(/hostile or corrupt GGUF header: .*(past the end|left|limit|absurd|does not fit)/);
    expect(meta.memoryEstimateBytes).toBeUndefined();
    // Nothing near the claimed sizes was allocated (the unguarded reader needs gigabytes or dies).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it("accepts a well-formed model header (the check is not a blanket refusal)", () => {
    const f = writeTinyLlamaGguf(path.join(dir, "tiny.gguf"), { type: "F32" });
    expect(scanGgufHeader(f.file)).toBeNull();
  });

  it("control: node-llama-cpp's own header reader dies on the 2^40-element array (why the scan runs first)", () => {
    const file = path.join(dir, "control.gguf");
    writeHostileGguf(file, { kind: "hugeArray", elementType: 0 });
    const script = `import { readGgufFileInfo } from "node-llama-cpp"; await readGgufFileInfo(${JSON.stringify(file)}, { logWarnings: false, ignoreKeys: ["tokenizer.ggml.tokens"] }); console.log("SURVIVED");`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), encoding: "utf8", timeout: 240_000, env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=512" } });
    expect(r.stdout).not.toContain("SURVIVED");
    expect(r.status === 0 && r.signal === null).toBe(false);
  }, 300_000); // the unguarded reader grows arrays until V8 gives up: seconds alone, minutes on a loaded machine
});
