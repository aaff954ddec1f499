import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodePorts } from "../../src/platform/node/createNodePorts.js";
import { copyFixtureProject, PY_CALC } from "../support/conductor/fixtureProject.js";
import { artifactPath, launchChromium, openApp, startWebApp, type WebApp } from "../support/webApp.js";
import { canRunDesktop, startDesktop, type Desktop } from "../support/xvfb.js";

// The conductor loop driven from the Workflow view in web mode, with the real system clipboard under Xvfb:
// the test plays the user and Cursor — it copies the answer with xclip and approves in the page.
let desktop: Desktop;
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;

describe.runIf(canRunDesktop())("Workflow view drives the conductor loop (web mode, Chromium, Xvfb clipboard)", () => {
  beforeAll(async () => {
    desktop = await startDesktop();
    process.env.DISPLAY = desktop.display;
    app = await startWebApp({ configYaml: "models:\n  discovery: false\n  ollama: { enabled: false }\n  lmstudio: { enabled: false }\nconductor:\n  notifications: in-app\n  hotkeys: { enabled: false }\n", ports: (dir) => createNodePorts(dir, "web") });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.dispose();
    await app?.dispose();
    await desktop?.dispose();
  });

  it("start a loop, copy Cursor's answer with xclip, approve in the UI, see green", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const { page } = browser;
    await openApp(page, app.url);
    await page.fill('[data-testid="workflow-task"]', "Make add return the sum of a and b");
    await page.fill('input[placeholder^="/path/to/project"]', project);
    await page.check('[data-testid="loop-skip-analysis"]');
    await page.click('[data-testid="loop-start"]');
    await page.waitForSelector('[data-testid="loop-hint"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="loop-hint"]')).toContain("copy its answer");
    const clip = spawnSync("xclip", ["-selection", "clipboard", "-o"], { env: desktop.env, encoding: "utf8" }).stdout;
    expect(clip).toContain("calc.py");
    spawnSync("xclip", ["-selection", "clipboard", "-i"], { input: PY_CALC.right, env: desktop.env, stdio: ["pipe", "ignore", "ignore"] });
    await page.waitForSelector('[data-testid="loop-approve"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="loop-candidate"]')).toContain("calc.py");
    await page.waitForSelector('[data-testid="loop-candidate"] .cm-editor', { timeout: 30_000 }); // the diff, not "loading…"
    await page.screenshot({ path: artifactPath("loop-approve.png"), fullPage: true });
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("a - b");
    // The file's tick is the loop's own selection: ticked to start with; unticking it leaves nothing to approve.
    const tick = '[data-testid="loop-candidate"] [data-testid="verify-approve"]';
    expect(await page.isChecked(tick)).toBe(true);
    await page.uncheck(tick);
    expect(await page.isDisabled('[data-testid="loop-approve"]')).toBe(true);
    await page.check(tick);
    await page.click('[data-testid="loop-approve"]');
    await page.waitForSelector('[data-testid="loop-result"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="loop-result"]')).toContain("green after 1 attempt");
    expect(await page.textContent('[data-testid="loop-tests"]')).toContain("2/2 passed");
    await page.screenshot({ path: artifactPath("loop-green.png"), fullPage: true });
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("a + b");
  });
});
