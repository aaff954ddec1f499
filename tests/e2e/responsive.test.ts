import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFakeOllama, type FakeServer } from "../support/fakeServers/index.js";
import { pytestRepo } from "../support/project/fixtureRepos.js";
import { tempTree } from "../support/project/writeTree.js";
import { artifactPath, launchChromium, openApp, startWebApp, type WebApp } from "../support/webApp.js";

// Every view at desktop (1280 px) and phone (390×844) width, with real content in it (a long config table, an
// analysed project, a model list, run history): screenshots for people, and no sideways scrolling at 390 px.
const VIEWS = ["workflow", "project", "models", "history", "patterns", "settings"] as const;
let ollama: FakeServer;
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let project: string;

/** How far the page, or the scrolling view inside it, is wider than the window. */
async function overflow(page: Page): Promise<{ page: number; main: number; offenders: string[] }> {
  // A string, because this project's Node tsconfig has no DOM types; it runs in the page.
  return page.evaluate(`(() => {
    const doc = document.documentElement;
    const main = document.querySelector("main");
    const offenders = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.parentElement.closest(".card, pre, .table-scroll"))
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.getAttribute("data-testid") ? "[" + el.getAttribute("data-testid") + "]" : "") + "." + el.className);
    return { page: doc.scrollWidth - doc.clientWidth, main: main.scrollWidth - main.clientWidth, offenders };
  })()`);
}

beforeAll(async () => {
  project = tempTree(pytestRepo, "cc-e2e-responsive-");
  ollama = await startFakeOllama({ models: [{ name: "a-model-with-a-rather-long-name-for-narrow-screens:7b-instruct-q4_K_M" }, { name: "qwen:7b" }] });
  app = await startWebApp({
    configYaml: ["models:", "  discovery: false", "  backends: [ollama]", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }"].join("\n"),
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
  await ollama?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

describe("responsive layout (web mode, Chromium)", () => {
  it("every view fits 390 px without horizontal scrolling, and is screenshotted at 1280 and 390 px", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-project"]');
    await page.fill('[data-testid="project-path"]', project);
    await page.click('[data-testid="project-analyze"]');
    await page.waitForSelector('[data-testid="project-summary"]', { timeout: 60_000 });
    await page.click('[data-testid="nav-settings"]');
    await page.click('[data-testid="run-doctor"]');
    await page.waitForSelector('[data-testid="doctor-results"]', { timeout: 60_000 });

    const problems: string[] = [];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      for (const v of VIEWS) {
        await page.click(`[data-testid="nav-${v}"]`);
        await page.waitForSelector(`[data-testid="nav-${v}"][aria-current="page"]`);
        await page.waitForTimeout(150);
        await page.screenshot({ path: artifactPath(`responsive-${v}-${width}.png`), fullPage: true });
        if (width !== 390) continue;
        const o = await overflow(page);
        if (o.page > 0 || o.main > 0) problems.push(`${v}: page +${o.page}px, view +${o.main}px (${o.offenders.join(", ")})`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it("the header stays compact at 390 px (title, status and nav in at most 70 px)", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    const h = await page.evaluate<number>(`document.querySelector(".topbar").getBoundingClientRect().height`);
    expect(h).toBeLessThanOrEqual(70);
  });
});
