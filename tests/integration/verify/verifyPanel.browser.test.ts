import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/engine/config/loadConfig.js";
import { createEngine, type Engine } from "../../../src/engine/createEngine.js";
import { inertPorts } from "../../../src/engine/ports.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import type { RpcServer } from "../../../src/shared/rpc/RpcServer.js";
import { createPythonProject, PYTHON_FIX_ANSWER, tempDir } from "../../support/verify/fixtureProjects.js";
import { rendererWithVerifyPanel } from "../../support/verify/rendererWithVerifyPanel.js";
import { artifactPath, launchChromium, openApp } from "../../support/webApp.js";

// The review and test panes in a real browser (web mode): diffs in the CodeMirror merge view with findings,
// approve/apply, test results with the reward breakdown, undo.

let engine: Engine;
let rpc: RpcServer;
let web: WebServer;
let renderer: Awaited<ReturnType<typeof rendererWithVerifyPanel>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let root: string;
let dataDir: string;

beforeAll(async () => {
  renderer = await rendererWithVerifyPanel();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-verify-web-"));
  engine = await createEngine(loadConfig(dataDir, {}), inertPorts(dataDir, "web"), { logger: pino({ enabled: false }) });
  rpc = engine.createRpcServer();
  web = await startWebServer({ rpc, staticDir: renderer.dir });
  browser = await launchChromium();
  root = tempDir("cc-verify-ui-");
}, 120_000);

afterAll(async () => {
  await browser?.dispose();
  await web?.close();
  rpc?.dispose();
  await engine?.dispose();
  renderer?.dispose();
  for (const d of [root, dataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("VerifyPanel in Chromium", () => {
  it("reviews an answer as per-file diffs, applies the approved files, shows test results and reward, undoes", async () => {
    const { page } = browser;
    const project = path.join(root, "py");
    createPythonProject(project);
    const original = fs.readFileSync(path.join(project, "calc/ops.py"), "utf8");
    await openApp(page, web.url);
    await page.click('[data-testid="nav-workflow"]');
    await page.fill('[data-testid="verify-project"]', project);

    await page.click('[data-testid="verify-run-tests"]');
    await page.waitForSelector('[data-testid="verify-reward"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="verify-reward"]')).toContain("0.50");
    expect(await page.locator('[data-testid="verify-test-row"][data-status="failed"]').count()).toBe(1);

    const answer = `${PYTHON_FIX_ANSWER}\nAlso a helper:\n\n\`\`\`python calc/extra.py\ndef run(code):\n    return eval(code)\n\`\`\`\n\n\`\`\`ini .env\nTOKEN=x\n\`\`\`\n\n\`\`\`py ../outside.py\nX = 1\n\`\`\`\n`;
    await page.fill('[data-testid="verify-answer"]', answer);
    await page.click('[data-testid="verify-plan"]');
    await page.waitForSelector('[data-testid="verify-file"]');
    const files = page.locator('[data-testid="verify-file"]');
    expect(await files.count()).toBe(4);
    const ops = page.locator('[data-testid="verify-file"][data-path="calc/ops.py"]');
    await ops.locator(".cm-mergeView").waitFor();
    expect(await ops.locator(".cm-changedLine").count()).toBeGreaterThan(0);
    expect(await ops.textContent()).toContain("return a * b");
    const extra = page.locator('[data-testid="verify-file"][data-path="calc/extra.py"]');
    expect(await extra.locator('[data-testid="verify-findings"]').textContent()).toContain("eval() runs arbitrary code");
    expect(await extra.locator(".cc-finding-error.cm-line").count()).toBe(1);
    expect(await page.locator('[data-testid="verify-file"][data-path=".env"] [data-testid="verify-confirm-protected"]').count()).toBe(1);
    expect(await page.locator('[data-testid="verify-file"][data-path="../outside.py"] [data-testid="verify-approve"]').isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath("verify-review.png"), fullPage: true });

    await extra.locator('[data-testid="verify-approve"]').uncheck();
    await page.click('[data-testid="verify-apply"]');
    // The reviewed plan stays on screen with the outcome of each file.
    await page.waitForSelector('[data-testid="verify-applied"]');
    expect(await page.textContent('[data-testid="verify-applied"] strong')).toMatch(/^Applied \S+: 1 written, [1-9]\d* skipped$/);
    expect(await page.textContent('[data-testid="verify-file"][data-path="calc/ops.py"] [data-testid="verify-outcome"]')).toBe("written");
    expect(await page.textContent('[data-testid="verify-file"][data-path="calc/extra.py"] [data-testid="verify-outcome"]')).toBe("skipped: not approved");
    expect(await page.locator('[data-testid="verify-apply"]').count()).toBe(0);
    expect(fs.readFileSync(path.join(project, "calc/ops.py"), "utf8")).toContain("return a * b");
    expect(fs.existsSync(path.join(project, "calc/extra.py"))).toBe(false);
    expect(fs.existsSync(path.join(project, ".env"))).toBe(false);
    expect(fs.existsSync(path.join(root, "outside.py"))).toBe(false);

    await page.click('[data-testid="verify-run-tests"]');
    await page.locator('[data-testid="verify-reward"]', { hasText: "1.00" }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="verify-test-row"][data-status="passed"]').count()).toBe(2);
    expect(await page.textContent('[data-testid="verify-reward"]')).toContain("1 of 1 previously failing now pass");
    await page.screenshot({ path: artifactPath("verify-tests.png"), fullPage: true });

    await page.click('[data-testid="verify-undo"]');
    await page.locator('[data-testid="toast"]', { hasText: "Undone" }).waitFor({ timeout: 10_000 });
    expect(fs.readFileSync(path.join(project, "calc/ops.py"), "utf8")).toBe(original);
  });
});
