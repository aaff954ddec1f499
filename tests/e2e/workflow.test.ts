import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeServer } from "../support/fakeServers/index.js";
import { artifactPath, launchChromium, startWebApp, type WebApp, openApp } from "../support/webApp.js";
import { ANSWER_A, ANSWER_B, ANSWER_C } from "../support/ensemble/analyses.js";

// The Workflow view in web mode, driven in Chromium against the real engine and three scripted members on a
// protocol-faithful Ollama. Answers stream slowly enough that the cards are seen filling in.
let ollama: FakeServer;
let app: WebApp;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  const answers: Record<string, unknown> = { "a:1b": ANSWER_A, "b:1b": ANSWER_B, "c:1b": ANSWER_C };
  ollama = await startFakeOllama({
    models: [{ name: "a:1b" }, { name: "b:1b" }, { name: "c:1b" }],
    reply: (body) => (body.format ? JSON.stringify(answers[String(body.model)]) : `My view as ${String(body.model)}: keep it simple.`),
    chunkChars: 12,
    chunkDelayMs: 15,
  });
  app = await startWebApp({
    configYaml: [
      "models:",
      "  discovery: false",
      "  backends: [ollama]",
      `  ollama: { host: "${ollama.url}" }`,
      "  lmstudio: { enabled: false }",
      "  maxParallel: 3",
    ].join("\n"),
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.dispose();
  await app?.dispose();
  await ollama?.close();
});

describe("Workflow view (web mode, Chromium)", () => {
  it("runs the ensemble live: members stream, then consensus, confidence, disagreements and the prompt, which copies", async () => {
    const { page } = browser;
    await openApp(page, app.url);
    await app.engine.ctx.ports.clipboard.writeText("the user's own clipboard");
    await page.fill('[data-testid="workflow-task"]', "Build a user service");
    await page.click('[data-testid="workflow-run"]');
    // Live: a member card shows streamed text while it is still running.
    await page.waitForSelector('[data-testid="member-card"][data-status="running"] [data-testid="member-text"]:not(:text-is("…"))', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="prompt-text"]', { timeout: 30_000 });
    const statuses = await page.$$eval('[data-testid="member-card"]', (els) => els.map((e) => `${e.getAttribute("data-label")}:${e.getAttribute("data-status")}`));
    expect(statuses).toEqual(["a:1b:ok", "b:1b:ok", "c:1b:ok"]);
    expect(await page.textContent('[data-testid="consensus-confidence"]')).toBe("75%");
    expect(await page.textContent('[data-testid="consensus-mode"]')).toBe("consensus");
    const rows = await page.$$eval('[data-testid="consensus-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows).toContainEqual(["approach", "Use a REST API with Express", "67%", "c:1b"]);
    expect(await page.textContent('[data-testid="disagreements"]')).toContain("c:1b said “Write a CLI script”");
    const prompt = await page.textContent('[data-testid="prompt-text"]');
    expect(prompt).toContain("## Approach\nUse a REST API with Express");
    await page.screenshot({ path: artifactPath("workflow-consensus.png"), fullPage: true });
    // The run itself left the clipboard alone (ui.copyPrompts is off); Copy writes it.
    expect(await app.engine.ctx.ports.clipboard.read({ maxBytes: 1e9 })).toMatchObject({ kind: "text", text: "the user's own clipboard" });
    await page.click('[data-testid="prompt-copy"]');
    await page.waitForSelector('[data-testid="toast"]:has-text("Prompt copied")');
    expect(await app.engine.ctx.ports.clipboard.read({ maxBytes: 1e9 })).toMatchObject({ kind: "text", text: prompt });
    expect(await page.isVisible('[data-testid="verify-panel"]')).toBe(true);
  });

  it("shows the debate transcript when a debate runs first", async () => {
    const { page } = browser;
    await page.check('[data-testid="workflow-debate"]');
    await page.fill('input[type="number"]', "1");
    await page.click('[data-testid="workflow-run"]');
    // Turns exist only in the new run's view; its prompt comes after the debate and the synthesis.
    await page.locator('[data-testid="debate-turn"]').nth(3).waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="prompt-text"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="debate-turn"]').count()).toBe(4);
    const turns = await page.$$eval('[data-testid="debate-turn"]', (els) => els.map((e) => e.textContent ?? ""));
    expect(turns[0]).toMatch(/^architect.*My view as a:1b: keep it simple\./s);
    expect(turns.map((t) => t.split(" ")[0])).toEqual(["architect", "coder", "tester", "reviewer"]);
    await page.screenshot({ path: artifactPath("workflow-debate.png"), fullPage: true });
  });
});
