import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PatternDocument } from "../../src/shared/contract/learning.js";
import { makeAttempt } from "../support/learning/makeAttempt.js";
import { artifactPath, launchChromium, openApp, startWebApp, type WebApp } from "../support/webApp.js";

let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-e2e-patterns-"));

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
  // Attempts as the conductor loop publishes them.
  app.engine.bus.publish("conductor.attempt", makeAttempt({ id: "p-csv", task: "Fix the CSV parser crash on quotes", models: ["ollama:local/qwen"], code: "def parse_csv(line): return line.split(',')" }));
  app.engine.bus.publish("conductor.attempt", makeAttempt({ id: "p-fib", task: "Add a fibonacci helper", passed: false, code: "def fib(n): return fib(n)" }));
  // An ensemble run whose members measured TTFT and tokens/s, for the Learning view's speed chart.
  const member = (id: string, modelId: string, ttftMs: number, tokensPerSecond: number) => ({ id, modelId, label: modelId, status: "ok", rawText: "{}", repairs: [], startedAt: 0, elapsedMs: 1000, ttftMs, tokensPerSecond, completionTokens: 10, truncated: false });
  const result = { task: "t", members: [member("m1", "ollama:local/qwen", 120, 45), member("m2", "embedded:local/llama", 300, 20)], consensus: { mode: "consensus", confidence: 0.8, merged: null, fields: [], disagreements: [], sources: [], weights: {} }, wallMs: 1100, quorumReached: false };
  app.engine.ctx.db.prepare("INSERT INTO runs (id, kind, status, input_json, result_json, started_at, ended_at) VALUES ('speed-run', 'ensemble.run', 'succeeded', '{}', ?, ?, ?)").run(JSON.stringify(result), Date.now() - 5000, Date.now() - 3900);
}, 120_000);
afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const rowTexts = async (): Promise<string[]> => browser.page.$$eval('[data-testid="pattern-row"] td:first-child', (tds) => tds.map((t) => t.textContent ?? ""));

describe("Patterns view in Chromium", () => {
  it("shows loop attempts; search, the success filter, detail, export and import work", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-patterns"]');
    await page.waitForSelector('[data-testid="pattern-row"]');
    expect((await rowTexts()).length).toBe(2);

    await page.fill('[data-testid="patterns-search"]', "csv parser");
    await page.click('[data-testid="patterns-go"]');
    await expect.poll(rowTexts).toEqual([expect.stringContaining("Fix the CSV parser crash on quotes")]);

    await page.fill('[data-testid="patterns-search"]', "");
    await page.check('[data-testid="patterns-succeeded"]');
    await page.click('[data-testid="patterns-go"]');
    await expect.poll(rowTexts).toEqual([expect.stringContaining("CSV")]);

    await page.click('[data-testid="pattern-row"]');
    await page.waitForSelector('[data-testid="pattern-detail"]');
    expect(await page.textContent('[data-testid="pattern-code"]')).toContain("def parse_csv(line)");
    await page.click('[data-testid="feedback-up"]');
    await expect.poll(async () => (await app.engine.learning.service.store.get("p-csv")).feedback.thumbs).toBe("up");

    const download = page.waitForEvent("download");
    await page.click('[data-testid="patterns-export"]');
    const file = path.join(tmp, "export.json");
    await (await download).saveAs(file);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PatternDocument;
    expect(doc.patterns.map((p) => p.id).sort()).toEqual(["p-csv", "p-fib"]);

    // Import into the same library: everything is a duplicate; a broken file is refused with its reason.
    await page.setInputFiles('[data-testid="patterns-import-file"]', file);
    await page.waitForSelector('[data-testid="patterns-message"]:has-text("0 pattern(s); 2 already present")');
    const broken = path.join(tmp, "broken.json");
    fs.writeFileSync(broken, JSON.stringify({ ...doc, version: 9 }));
    await page.setInputFiles('[data-testid="patterns-import-file"]', broken);
    await page.waitForSelector('[data-testid="patterns-error"]:has-text("unsupported version 9")');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifactPath("patterns-390.png"), fullPage: true });
    const overflow = (await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await page.click('[data-testid="nav-learning"]');
    await page.waitForSelector('[data-testid="learning-status"]');
    await page.waitForSelector('[data-testid="chart-over-time"] svg');
    await page.waitForSelector('[data-testid="chart-model-speed"] svg'); // TTFT and tokens/s per model, from the runs' KPIs
    expect(await page.textContent('[data-testid="chart-model-speed"]')).toContain("qwen");
    await page.screenshot({ path: artifactPath("learning-390.png"), fullPage: true });
  });
});
