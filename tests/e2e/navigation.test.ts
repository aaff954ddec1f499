import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium, startWebApp, type WebApp } from "../support/webApp.js";

let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
});

describe("web mode in Chromium", () => {
  it("opens with the token URL, connects, and visits every view", async () => {
    const { page } = browser;
    await page.goto(app.url);
    // The token was exchanged for the cookie and removed from the address bar.
    expect(new URL(page.url()).searchParams.get("token")).toBeNull();
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15_000 });
    const views = ["workflow", "project", "models", "history", "patterns", "settings"];
    for (const v of views) {
      await page.click(`[data-testid="nav-${v}"]`);
      await page.waitForSelector(`[data-testid="nav-${v}"][aria-current="page"]`);
      await page.screenshot({ path: artifactPath(`view-${v}.png`) });
    }
    const cookies = await browser.context.cookies(app.origin);
    const session = cookies.find((c) => c.name === "cc_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
  });
});
