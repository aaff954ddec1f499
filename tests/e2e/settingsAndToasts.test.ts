import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium, openApp, startWebApp, type WebApp } from "../support/webApp.js";

// Settings edited in the browser round-trip through config.yaml; toasts show only what happens now.
const CONFIG = "# my notes on these settings\nmodels:\n  maxParallel: 2 # two at once is plenty here\n  discovery: false\n";
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  app = await startWebApp({ configYaml: CONFIG, env: { SELECTOR_POLICY: "latency" } });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
});

const configFile = (): string => fs.readFileSync(path.join(app.dataDir, "config.yaml"), "utf8");

describe("Settings view and toasts (web mode, Chromium)", () => {
  it("edits a setting into config.yaml with its comments, refuses a bad value with the key's reason, and locks env-set keys", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-settings"]');
    const row = '[data-testid="setting-models.maxParallel"]';
    await page.fill(`${row} [data-testid="setting-input"]`, "5");
    await page.click(`${row} [data-testid="setting-save"]`);
    await page.waitForSelector(`${row}[data-source="file"] [data-testid="setting-input"][value="5"]`);
    expect(configFile()).toBe(CONFIG.replace("maxParallel: 2", "maxParallel: 5"));

    await page.fill(`${row} [data-testid="setting-input"]`, "99");
    await page.click(`${row} [data-testid="setting-save"]`);
    expect(await page.textContent(`${row} [data-testid="setting-error"]`)).toMatch(/^"models\.maxParallel" Too big: expected number to be <=16/);
    expect(configFile()).toBe(CONFIG.replace("maxParallel: 2", "maxParallel: 5"));

    await page.check('[data-testid="setting-ui.copyPrompts"] [data-testid="setting-input"]');
    await page.waitForSelector('[data-testid="setting-ui.copyPrompts"][data-source="file"]');
    expect(configFile()).toContain("ui:\n  copyPrompts: true\n");
    expect(app.engine.ctx.config.ui.copyPrompts).toBe(true);

    const locked = '[data-testid="setting-models.selectorPolicy"]';
    expect(await page.textContent(`${locked} [data-testid="setting-locked"]`)).toContain("set by SELECTOR_POLICY");
    expect(await page.$(`${locked} [data-testid="setting-input"]`)).toBeNull();
    await page.screenshot({ path: artifactPath("settings-edit.png"), fullPage: true });
  });

  it("shows no past notices on load (History lists them), at most three toasts, fading unless they need action", async () => {
    const { page } = browser;
    for (const n of [1, 2, 3, 4, 5]) app.engine.ctx.notify({ level: "success", title: `Old notice ${n}` });
    await page.reload();
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
    await page.waitForTimeout(500);
    expect(await page.$$('[data-testid="toast"]')).toHaveLength(0);
    await page.click('[data-testid="nav-history"]');
    await page.waitForSelector('[data-testid="history-notices"] li:has-text("Old notice 5")');

    app.engine.ctx.notify({ level: "warn", title: "Awaiting approval", needsAction: true });
    for (const n of [1, 2, 3]) app.engine.ctx.notify({ level: "info", title: `Live ${n}` });
    await page.waitForSelector('[data-testid="toast"]:has-text("Live 3")');
    const titles = await page.$$eval('[data-testid="toast"] strong', (els) => els.map((e) => e.textContent));
    // Three at most; the oldest gives way, except one that needs action.
    expect(titles).toEqual(["Awaiting approval", "Live 2", "Live 3"]);

    app.engine.ctx.notify({ level: "warn", title: "Awaiting approval again", needsAction: true });
    // The info toasts fade on their own timers; the one that needs action stays.
    await expect.poll(() => page.locator('[data-testid="toast"]').count(), { timeout: 15_000, interval: 250 }).toBe(2);
    expect(await page.$$eval('[data-testid="toast"] strong', (els) => els.map((e) => e.textContent))).toEqual(["Awaiting approval", "Awaiting approval again"]);

    // The toast strip sits below the view: it never covers a button.
    await page.click('[data-testid="nav-settings"]');
    const overlaps = await page.evaluate<number>(`(() => {
      const t = document.querySelector('[data-testid="toasts"]').getBoundingClientRect();
      return [...document.querySelectorAll("button")].filter((b) => {
        const r = b.getBoundingClientRect();
        const visible = r.width > 0 && r.bottom > 0 && r.top < innerHeight;
        return visible && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top && !b.closest('[data-testid="toasts"]');
      }).length;
    })()`);
    expect(overlaps).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]');
    await page.waitForTimeout(500);
    expect(await page.$$('[data-testid="toast"]')).toHaveLength(0);
  }, 60_000);
});
