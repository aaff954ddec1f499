import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLoopRun, type SeededRun } from "../support/insight/seedLoopRun.js";
import { artifactPath, launchChromium, openApp, startWebApp, type WebApp } from "../support/webApp.js";

let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let seeded: SeededRun;
let other: SeededRun;

beforeAll(async () => {
  app = await startWebApp();
  other = seedLoopRun(app.engine.ctx.db, { project: "/srv/other", startedAt: Date.parse("2025-06-01T10:00:00Z") });
  seeded = seedLoopRun(app.engine.ctx.db, { project: "/srv/calc", startedAt: Date.parse("2026-03-01T10:00:00Z") });
  browser = await launchChromium();
  await browser.page.setViewportSize({ width: 390, height: 844 });
});
afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
});

describe("History in Chromium at 390 px", { timeout: 180_000 }, () => {
  it("lists runs with filters, shows KPIs and a timeline with applies and undos, and replays readable states", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-history"]');
    await page.waitForSelector(`[data-run-id="${seeded.runId}"]`);
    expect(await page.locator('[data-testid="history-run"]').count()).toBe(2);

    await page.fill('[data-testid="filter-project"]', "calc");
    await expect.poll(() => page.locator('[data-testid="history-run"]').count()).toBe(1);
    await page.selectOption('[data-testid="filter-status"]', "failed");
    await expect.poll(() => page.locator('[data-testid="history-run"]').count()).toBe(0);
    await page.selectOption('[data-testid="filter-status"]', "");
    await page.fill('[data-testid="filter-project"]', "");
    await page.fill('[data-testid="filter-from"]', "2026-01-01");
    await expect.poll(() => page.locator('[data-testid="history-run"]').count()).toBe(1);

    await page.waitForSelector('[data-testid="chart-reward"] circle');
    expect(await page.textContent('[data-testid="kpi-charts"]')).toContain("1 runs");

    await page.click(`[data-run-id="${seeded.runId}"]`);
    await page.waitForSelector('[data-testid="run-detail"]');
    const kpis = await page.textContent('[data-testid="run-kpis"]');
    expect(kpis).toContain("iterations to green2");
    expect(kpis).toContain("0.5 → 1");
    const kinds = await page.locator('[data-testid="run-timeline"] li').evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds).toEqual(expect.arrayContaining(["prompt", "candidate", "apply", "undo", "tests", "reward"]));

    // Replay from the start: step to the first prompt, then to the first test results.
    await page.click('[aria-label="first step"]');
    expect(await page.textContent('[data-testid="replay-prompt"]')).toContain("No prompt yet");
    const prompt1 = (seeded.recorded.find((r) => r.channel === "prompt")!.data as { text: string }).text;
    for (let i = 0; i < 4; i++) await page.click('[data-testid="replay-next"]');
    expect(await page.textContent('[data-testid="replay-prompt"]')).toContain(prompt1.slice(0, 30));
    expect(await page.textContent('[data-testid="replay-tests"]')).toContain("Not tested yet");
    for (let i = 0; i < 5; i++) await page.click('[data-testid="replay-next"]');
    expect(await page.textContent('[data-testid="replay-position"]')).toContain("tests");
    expect(await page.textContent('[data-testid="replay-tests"]')).toMatch(/1\s*passed · 1\s*failed/);
    expect(await page.textContent('[data-testid="replay-tests"]')).toContain("✘ subtracts");
    expect(await page.textContent('[data-testid="replay-diffs"]')).toContain("src/math.ts");
    expect(await page.textContent('[data-testid="replay"]')).not.toContain('{"');
    await page.click('[aria-label="last step"]');
    expect(await page.textContent('[data-testid="replay-reward"]')).toContain("1.00");
    expect(await page.textContent('[data-testid="replay-stage"]')).toContain("outcome green");

    await page.screenshot({ path: artifactPath("history-390.png"), fullPage: true });
    // A function, not a string: the page's CSP forbids eval.
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("exports a verified bundle from Settings, imports it read-only in History, and deletes a run", async () => {
    const { page } = browser;
    await page.click('[data-testid="nav-settings"]');
    await page.click('[data-testid="export-run"]');
    await page.waitForSelector('[data-testid="export-verified"]', { timeout: 60_000 });
    const zip = (await page.textContent('[data-testid="export-path"]'))!.trim();
    expect(zip).toContain(`codeconductor_case_${seeded.runId}.zip`);
    expect(fs.existsSync(zip)).toBe(true);

    await page.click('[data-testid="nav-history"]');
    await page.fill('[data-testid="import-path"]', zip);
    await page.click('[data-testid="import-case"]');
    await page.waitForSelector('[data-testid="case-readonly"]');
    expect(await page.locator('[data-testid="run-delete"]').count()).toBe(0);

    await page.fill('[data-testid="filter-from"]', "");
    await page.click(`[data-run-id="${other.runId}"]`);
    await page.waitForSelector('[data-testid="run-delete"]');
    await page.click('[data-testid="run-delete"]');
    await expect.poll(() => page.locator(`[data-run-id="${other.runId}"]`).count()).toBe(0);
    expect(app.engine.ctx.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE id = ?").get(other.runId)).toEqual({ n: 0 });

    await page.click('[data-testid="nav-settings"]');
    await page.click('[data-testid="export-clear"]');
    await page.waitForSelector('[data-testid="export-message"]');
    expect(fs.existsSync(zip)).toBe(false);
  });

  it("edits the retention in place: the number of runs kept is written to config.yaml", async () => {
    const { page } = browser;
    await page.click('[data-testid="nav-history"]');
    await page.fill('[data-testid="history-keep-runs"]', "5");
    await page.click('[data-testid="history-keep-save"]');
    await page.waitForSelector('[data-testid="history-retention-message"]');
    expect(await page.textContent('[data-testid="history-retention-message"]')).toContain("newest 5 runs are kept");
    expect(fs.readFileSync(path.join(app.dataDir, "config.yaml"), "utf8")).toMatch(/keepRuns: 5/);
    await page.fill('[data-testid="history-keep-runs"]', "-1");
    await page.click('[data-testid="history-keep-save"]');
    await expect.poll(() => page.textContent('[data-testid="history-retention-message"]')).not.toContain("Saved"); // refused by the schema
  });
});
