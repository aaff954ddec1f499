import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../engine/config/loadConfig.js";
import { resolveDataDir } from "../engine/config/resolveDataDir.js";
import type { Engine } from "../engine/createEngine.js";
import { openWithDesktop } from "../platform/node/openWithDesktop.js";
import { startWebServer } from "./startWebServer.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the built renderer lives (electron-vite's output). */
export function rendererDir(): string {
  return path.resolve(here, "..", "..", "out", "renderer");
}

export interface ServeOptions {
  port?: number;
  open?: boolean;
  verbose?: boolean;
  dataDir?: string;
  json?: boolean;
  /** Serve Prometheus `/metrics`. Defaults to config `insight.metrics.enabled`. */
  metrics?: boolean;
}

/**
 * `codeconductor serve`: web server first, engine behind it, until SIGINT/SIGTERM, then a clean shutdown.
 * The page is served while the engine still loads (its modules, SQLite, migrations: most of the start-up
 * time), so the browser paints the app shell at once; its WebSocket is accepted when the engine is ready.
 */
export async function runServe(opts: ServeOptions): Promise<void> {
  const dataDir = opts.dataDir ?? resolveDataDir();
  const config = loadConfig(dataDir);
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, "index.html"))) {
    process.stderr.write(`warning: the UI is not built (${staticDir} is missing); run \`npm run build\`. The API still works.\n`);
  }
  const metricsOn = opts.metrics ?? config.config.insight.metrics.enabled;
  let engineReady!: { resolve: (e: Engine) => void; reject: (e: unknown) => void };
  const enginePromise = new Promise<Engine>((resolve, reject) => (engineReady = { resolve, reject }));
  enginePromise.catch(() => {});
  const rpc = enginePromise.then((e) => e.createRpcServer());
  rpc.catch(() => {});
  // prom-client is loaded only when metrics are on; a scrape before the engine is ready waits for it.
  const metrics = metricsOn ? enginePromise.then(async (e) => new (await import("../engine/insight/metrics/EngineMetrics.js")).EngineMetrics(e)) : undefined;
  metrics?.catch(() => {});
  const web = await startWebServer({ rpc, staticDir, port: opts.port ?? config.config.server.port, metrics });
  if (opts.json) process.stdout.write(`${JSON.stringify({ url: web.url, port: web.port, dataDir })}\n`);
  else {
    process.stdout.write(`CodeConductor web mode (data: ${dataDir})\nOpen: ${web.url}\n(only this machine can connect; the token works for this launch only)\n`);
    if (metricsOn) process.stdout.write(`Prometheus metrics: ${web.origin}/metrics\n`);
    for (const p of config.problems) process.stderr.write(`config: ${p}\n`);
  }
  if (opts.open) openInBrowser(web.url);
  let engine: Engine;
  try {
    const [{ createEngine }, { createNodePorts }] = await Promise.all([import("../engine/createEngine.js"), import("../platform/node/createNodePorts.js")]);
    engine = await createEngine(config, createNodePorts(dataDir, "web"), { verbose: opts.verbose });
  } catch (e) {
    engineReady.reject(e);
    await web.close();
    throw e;
  }
  engineReady.resolve(engine);
  const server = await rpc;

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.stderr.write("Shutting down…\n");
  await web.close();
  (await metrics)?.dispose();
  server.dispose();
  await engine.dispose();
}

function openInBrowser(url: string): void {
  void openWithDesktop(url).then((r) => r.opened || process.stderr.write(`Could not open a browser (${r.reason}); open the URL above yourself.\n`));
}
