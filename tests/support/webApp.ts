import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import pino from "pino";
import { createEngine, type Engine } from "../../src/engine/createEngine.js";
import { loadConfig } from "../../src/engine/config/loadConfig.js";
import { inertPorts, type Ports } from "../../src/engine/ports.js";
import { rendererDir } from "../../src/server/runServe.js";
import { startWebServer, type WebServer } from "../../src/server/startWebServer.js";

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** Build the renderer once if `out/renderer` is missing (the test command builds it first anyway). */
export function ensureRendererBuilt(): string {
  const dir = rendererDir();
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "electron-vite", "bin", "electron-vite.js"), "build"], {
      cwd: repoRoot,
      stdio: "ignore",
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
    });
  }
  return dir;
}

export interface WebApp {
  /** The launch URL with its token. */
  url: string;
  origin: string;
  port: number;
  dataDir: string;
  engine: Engine;
  web: WebServer;
  dispose(): Promise<void>;
}

/** The real engine + web-mode server on 127.0.0.1 with a temp data dir. */
export async function startWebApp(options: { configYaml?: string; env?: NodeJS.ProcessEnv; dataDir?: string; ports?: (dataDir: string) => Ports } = {}): Promise<WebApp> {
  const staticDir = ensureRendererBuilt();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cc-web-"));
  if (options.configYaml !== undefined) fs.writeFileSync(path.join(dataDir, "config.yaml"), options.configYaml);
  const ports = options.ports?.(dataDir) ?? inertPorts(dataDir, "web");
  const engine = await createEngine(loadConfig(dataDir, options.env ?? {}), ports, { logger: pino({ enabled: false }) });
  const rpc = engine.createRpcServer();
  const web = await startWebServer({ rpc, staticDir });
  return {
    url: web.url,
    origin: web.origin,
    port: web.port,
    dataDir,
    engine,
    web,
    dispose: async () => {
      await web.close();
      rpc.dispose();
      await engine.dispose();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Debian Chromium with the flags this machine needs and a fresh profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; page: Page; dispose(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    dispose: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open the app at its token URL and wait until the page reports a live engine connection. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15_000 });
}

/** Where e2e screenshots go (kept as CI artifacts). */
export function artifactPath(name: string): string {
  const dir = path.join(repoRoot, "test-artifacts");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
