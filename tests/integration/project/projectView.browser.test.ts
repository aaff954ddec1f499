import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium, startWebApp, type WebApp, openApp } from "../../support/webApp.js";
import { vitestRepo } from "../../support/project/fixtureRepos.js";
import { tempTree } from "../../support/project/writeTree.js";

// The Project view end to end in web mode: real engine, real server, Debian Chromium.
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let root: string;

beforeAll(async () => {
  root = tempTree(vitestRepo);
  app = await startWebApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("Project view in Chromium", () => {
  it("analyzes a typed folder, previews rule diffs before writing, writes them, and proposes", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await page.click('[data-testid="nav-project"]');
    await page.fill('[data-testid="project-path"]', root);
    await page.click('[data-testid="project-analyze"]');
    await page.waitForSelector('[data-testid="project-summary"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="project-top-files"] tbody tr:first-child td:first-child')).toBe("src/hub.ts");
    expect(await page.textContent('[data-testid="project-test-commands"]')).toContain("npm test");
    expect(await page.textContent('[data-testid="project-languages"]')).toContain("typescript");
    expect(await page.locator('[data-testid="project-preview"]').count()).toBe(2);

    await page.click('[data-testid="project-rules-preview"]');
    await page.waitForSelector('[data-testid="project-rule-file"]');
    expect(fs.existsSync(path.join(root, "AGENTS.md"))).toBe(false);
    expect(await page.textContent('[data-testid="project-rules"]')).toContain("+- Run `npm test`");
    await page.click('[data-testid="project-rules-write"]');
    await page.locator('[data-testid="project-rule-file"]', { hasText: "— written" }).first().waitFor();
    expect(fs.readFileSync(path.join(root, "AGENTS.md"), "utf8")).toContain("`npm test`");
    expect(fs.existsSync(path.join(root, ".cursor", "rules", "project-core.mdc"))).toBe(true);

    await page.fill('[data-testid="project-propose"] textarea', "Add caching to Hub");
    await page.click('[data-testid="project-propose-run"]');
    await page.waitForSelector('[data-testid="project-proposal"]');
    expect(await page.textContent('[data-testid="project-proposal"]')).toContain("Add caching to Hub");
    await page.screenshot({ path: artifactPath("project-view.png"), fullPage: true });
  });
});
