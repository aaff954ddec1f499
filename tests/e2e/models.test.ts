import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeServer } from "../support/fakeServers/index.js";
import { writeTinyLlamaGguf } from "../support/gguf/index.js";
import { artifactPath, launchChromium, startWebApp, type WebApp, openApp } from "../support/webApp.js";

// The Models view in web mode, in Chromium, against the real engine: a synthesized GGUF (real node-llama-cpp)
// and a protocol-faithful Ollama whose health changes while the view is open.
let ollama: FakeServer;
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-e2e-models-"));

beforeAll(async () => {
  writeTinyLlamaGguf(path.join(dir, "tiny-a.gguf"));
  writeTinyLlamaGguf(path.join(dir, "broken.gguf"), { corrupt: "truncated" });
  ollama = await startFakeOllama({ models: [{ name: "qwen:7b", contextLength: 8192, quantization: "Q4_K_M" }], reply: "Streaming from the fake Ollama, slowly.", chunkDelayMs: 40 });
  app = await startWebApp({
    configYaml: ["models:", `  dirs: [${dir}]`, "  discovery: false", "  gpu: cpu", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }", "  health: { intervalMs: 300, failureThreshold: 1, cooldownMs: 200 }"].join("\n"),
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
  await ollama?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("Models view (web mode, Chromium)", () => {
  it("lists models by backend with health, loads/unloads, streams a test prompt, and shows health changes live", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-models"]');
    await page.waitForSelector('[data-testid="model-embedded:local/tiny-a"][data-status="available"]');
    await page.waitForSelector('[data-testid="model-ollama:local/qwen:7b"]');
    await page.waitForSelector('[data-testid="model-embedded:local/broken"][data-status="unavailable"]');
    expect(await page.textContent('[data-testid="model-embedded:local/broken"]')).toMatch(/truncated/);
    await page.waitForSelector('[data-testid="health-ollama:local"][data-healthy="true"]');

    // Load, then unload, the embedded model.
    await page.click('[data-testid="toggle-embedded:local/tiny-a"]');
    await page.waitForSelector('[data-testid="model-embedded:local/tiny-a"][data-status="loaded"]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="model-embedded:local/tiny-a"]')).toMatch(/cpu/);
    await page.click('[data-testid="toggle-embedded:local/tiny-a"]');
    await page.waitForSelector('[data-testid="model-embedded:local/tiny-a"][data-status="available"]');

    // Test prompt against Ollama: partial output is visible while it streams, then metrics.
    await page.click('[data-testid="test-ollama:local/qwen:7b"]');
    await page.click('[data-testid="test-run"]');
    await page.waitForSelector('[data-testid="test-output"][data-status="running"]:not(:empty)', { timeout: 10_000 });
    await page.waitForSelector('[data-testid="test-metrics"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="test-output"]')).toBe("Streaming from the fake Ollama, slowly.");
    expect(await page.textContent('[data-testid="test-metrics"]')).toMatch(/TTFT \d+ ms/);

    // The embedded model streams too (loading on demand).
    await page.selectOption('[data-testid="test-model"]', "embedded:local/tiny-a");
    await page.click('[data-testid="test-run"]');
    await page.waitForSelector('[data-testid="test-metrics"]', { timeout: 20_000 });
    await page.screenshot({ path: artifactPath("models-view.png") });

    // Ollama goes away: the periodic probe opens its breaker and the badge changes without a reload.
    await ollama.close();
    await page.waitForSelector('[data-testid="health-ollama:local"][data-healthy="false"]', { timeout: 10_000 });
    await page.screenshot({ path: artifactPath("models-view-ollama-down.png") });
  });
});
