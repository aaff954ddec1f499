import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "./loadConfig.js";
import { setConfigValue } from "./setConfigValue.js";

const dirs: string[] = [];
function dataDir(yaml?: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cfgset-"));
  dirs.push(d);
  if (yaml !== undefined) fs.writeFileSync(path.join(d, "config.yaml"), yaml);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const read = (d: string): string => fs.readFileSync(path.join(d, "config.yaml"), "utf8");

const COMMENTED = [
  "# My settings — keep this comment",
  "models:",
  "  # how many generate at once",
  "  maxParallel: 4 # trailing note",
  "  selectorPolicy: latency",
  "sampling:",
  "  temperature: 0.7",
  "",
].join("\n");

describe("setConfigValue", () => {
  it("writes one key into config.yaml keeping comments and order, and the reload shows it from the file", () => {
    const d = dataDir(COMMENTED);
    const next = setConfigValue(loadConfig(d, {}), d, { key: "models.maxParallel", value: 6 });
    expect(read(d)).toBe(COMMENTED.replace("maxParallel: 4", "maxParallel: 6"));
    expect(next.config.models.maxParallel).toBe(6);
    expect(next.entries.find((e) => e.key === "models.maxParallel")).toMatchObject({ value: 6, source: "file" });

    setConfigValue(next, d, { key: "ensemble.size", value: 5 });
    expect(read(d)).toBe(`${COMMENTED.replace("maxParallel: 4", "maxParallel: 6")}ensemble:\n  size: 5\n`);
  });

  it("creates config.yaml when there is none, and reset removes the key (and its emptied section)", () => {
    const d = dataDir();
    const set = setConfigValue(loadConfig(d, {}), d, { key: "ui.copyPrompts", value: true });
    expect(read(d)).toBe("ui:\n  copyPrompts: true\n");
    expect(set.config.ui.copyPrompts).toBe(true);
    const reset = setConfigValue(set, d, { key: "ui.copyPrompts", reset: true });
    expect(read(d).trim()).toBe("{}");
    expect(reset.entries.find((e) => e.key === "ui.copyPrompts")).toMatchObject({ value: false, source: "default" });
  });

  it("refuses a bad value with the key's reason and leaves the file untouched", () => {
    const d = dataDir(COMMENTED);
    const cfg = loadConfig(d, {});
    expect(() => setConfigValue(cfg, d, { key: "models.maxParallel", value: 99 })).toThrow(
      expect.objectContaining({ code: "invalid_input", message: expect.stringMatching(/^"models\.maxParallel" Too big: expected number to be <=16/) }),
    );
    expect(() => setConfigValue(cfg, d, { key: "models.selectorPolicy", value: "random" })).toThrow(/"models\.selectorPolicy" Invalid option: expected one of "fixed"\|"all"\|"latency"/);
    expect(() => setConfigValue(cfg, d, { key: "models.nope", value: 1 })).toThrow(/"models\.nope" is not a known setting/);
    expect(read(d)).toBe(COMMENTED);
  });

  it("refuses keys an environment variable sets, naming the variable", () => {
    const d = dataDir(COMMENTED);
    const cfg = loadConfig(d, { MAX_PARALLEL_MODELS: "3" });
    expect(cfg.entries.find((e) => e.key === "models.maxParallel")).toMatchObject({ source: "env", origin: "MAX_PARALLEL_MODELS", env: "MAX_PARALLEL_MODELS" });
    expect(() => setConfigValue(cfg, d, { key: "models.maxParallel", value: 5 })).toThrow(
      expect.objectContaining({ code: "conflict", message: expect.stringContaining("set by the environment variable MAX_PARALLEL_MODELS") }),
    );
    // A reload keeps the environment it was loaded with.
    const other = setConfigValue(cfg, d, { key: "sampling.temperature", value: 0.2 });
    expect(other.config.models.maxParallel).toBe(3);
  });

  it("refuses a masked secret that would overwrite the real API key", () => {
    const d = dataDir('models:\n  openaiEndpoints: [{ name: a, baseUrl: "http://127.0.0.1:9/v1", apiKey: sk-real }]\n');
    const cfg = loadConfig(d, {});
    const masked = cfg.entries.find((e) => e.key === "models.openaiEndpoints")!.value;
    expect(() => setConfigValue(cfg, d, { key: "models.openaiEndpoints", value: masked })).toThrow(/masked secret/);
    expect(read(d)).toContain("sk-real");
  });

  it("describes each key's editor: enum choices, nullable strings, JSON lists", () => {
    const entries = loadConfig(dataDir(), {}).entries;
    const e = (k: string) => entries.find((x) => x.key === k);
    expect(e("models.selectorPolicy")).toMatchObject({ kind: "enum", choices: ["fixed", "all", "latency", "bandit", "ppo"], env: "SELECTOR_POLICY" });
    expect(e("models.forceModel")).toMatchObject({ kind: "string", nullable: true });
    expect(e("models.allowlist")).toMatchObject({ kind: "json" });
    expect(e("net.allowNet")).toMatchObject({ kind: "boolean" });
  });
});
