import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "./loadConfig.js";

const dirs: string[] = [];
function withFile(yaml?: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cfg-"));
  dirs.push(d);
  if (yaml !== undefined) fs.writeFileSync(path.join(d, "config.yaml"), yaml);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const entry = (r: ReturnType<typeof loadConfig>, key: string) => r.entries.find((e) => e.key === key)!;

describe("loadConfig", () => {
  it("uses defaults with no file and no env", () => {
    const r = loadConfig(withFile(), {});
    expect(r.problems).toEqual([]);
    expect(r.config.models.maxParallel).toBe(2);
    expect(entry(r, "models.maxParallel").source).toBe("default");
    expect(r.config.net.allowNet).toBe(false);
  });

  it("applies file over defaults and env over file, recording where each value came from", () => {
    const dir = withFile("models:\n  maxParallel: 4\n  selectorPolicy: latency\nsampling:\n  temperature: 0.7\n");
    const r = loadConfig(dir, { MAX_PARALLEL_MODELS: "6", CC_TOP_P: "0.5", OLLAMA_DISABLE: "1", ENGINE_BACKENDS: "ollama,lmstudio", CODEBLEU_WEIGHTS: "0.1,0.2,0.3,0.4" });
    expect(r.problems).toEqual([]);
    expect(r.config.models.maxParallel).toBe(6);
    expect(entry(r, "models.maxParallel")).toMatchObject({ source: "env", origin: "MAX_PARALLEL_MODELS" });
    expect(r.config.models.selectorPolicy).toBe("latency");
    expect(entry(r, "models.selectorPolicy")).toMatchObject({ source: "file", origin: path.join(dir, "config.yaml") });
    expect(r.config.sampling.temperature).toBe(0.7);
    expect(r.config.sampling.topP).toBe(0.5);
    expect(r.config.models.ollama.enabled).toBe(false);
    expect(r.config.models.backends).toEqual(["ollama", "openai"]);
    expect(r.config.codebleu.weights).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(entry(r, "sampling.maxTokens").source).toBe("default");
  });

  it("names a bad file key and its problem, keeps the valid keys, falls back for the bad one", () => {
    const dir = withFile("models:\n  maxParallel: 0\n  selectorPolicy: latency\nsampling:\n  temperature: hot\n");
    const r = loadConfig(dir, {});
    expect(r.problems.join("\n")).toMatch(/"models\.maxParallel"/);
    expect(r.problems.join("\n")).toMatch(/"sampling\.temperature"/);
    expect(r.config.models.maxParallel).toBe(2);
    expect(r.config.sampling.temperature).toBe(0.2);
    expect(r.config.models.selectorPolicy).toBe("latency");
  });

  it("reports unknown keys as such instead of ignoring them silently", () => {
    const r = loadConfig(withFile("modles:\n  maxParallel: 3\n"), {});
    expect(r.problems.join("\n")).toMatch(/"modles.maxParallel" is not a known setting/);
  });

  it("names the env var when its value is bad, and ignores only that var", () => {
    const r = loadConfig(withFile(), { CC_TEMP: "warm", MAX_PARALLEL_MODELS: "99", ALLOW_NET: "maybe", MAX_TOKENS: "256", SELECTOR_POLICY: "random" });
    const text = r.problems.join("\n");
    expect(text).toMatch(/CC_TEMP: expected a number/);
    expect(text).toMatch(/MAX_PARALLEL_MODELS/);
    expect(text).toMatch(/ALLOW_NET/);
    expect(text).toMatch(/SELECTOR_POLICY/);
    expect(r.config.sampling.temperature).toBe(0.2);
    expect(r.config.models.maxParallel).toBe(2);
    expect(r.config.models.selectorPolicy).toBe("all");
    expect(r.config.sampling.maxTokens).toBe(256);
  });

  it("survives a file that is not YAML or not a mapping", () => {
    expect(loadConfig(withFile("models: [unclosed\n"), {}).problems[0]).toMatch(/not valid YAML/);
    expect(loadConfig(withFile("- a\n- b\n"), {}).problems[0]).toMatch(/mapping/);
    expect(loadConfig(withFile("- a\n"), {}).config.models.maxParallel).toBe(2);
  });

  it("masks API keys in the explanation", () => {
    const r = loadConfig(withFile("models:\n  openaiEndpoints:\n    - name: team\n      baseUrl: http://10.0.0.5:8000/v1\n      apiKey: sk-secret\n"), {});
    expect(JSON.stringify(r.entries)).not.toContain("sk-secret");
    expect(r.config.models.openaiEndpoints[0]?.apiKey).toBe("sk-secret");
  });
});
