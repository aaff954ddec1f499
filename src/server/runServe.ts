import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, loadConfig, resolveDataDir } from "../engine/index.js";
import { createNodePorts } from "../platform/node/createNodePorts.js";
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

/** `codeconductor serve`: engine + web server until SIGINT/SIGTERM, then a clean shutdown. */
export async function runServe(opts: ServeOptions): Promise<void> {
  const dataDir = opts.dataDir ?? resolveDataDir();
  const config = loadConfig(dataDir);
  const engine = await createEngine(config, createNodePorts(dataDir, "web"), { verbose: opts.verbose });
  const rpc = engine.createRpcServer();
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, "index.html"))) {
    process.stderr.write(`warning: the UI is not built (${staticDir} is missing); run \`npm run build\`. The API still works.\n`);
  }
  // prom-client is loaded only when metrics are on.
  const metrics = (opts.metrics ?? config.config.insight.metrics.enabled) ? new (await import("../engine/insight/metrics/EngineMetrics.js")).EngineMetrics(engine) : undefined;
  const web = await startWebServer({ rpc, staticDir, port: opts.port ?? config.config.server.port, metrics });
  if (opts.json) process.stdout.write(`${JSON.stringify({ url: web.url, port: web.port, dataDir })}\n`);
  else {
    process.stdout.write(`CodeConductor web mode (data: ${dataDir})\nOpen: ${web.url}\n(only this machine can connect; the token works for this launch only)\n`);
    if (metrics) process.stdout.write(`Prometheus metrics: ${web.origin}/metrics\n`);
    for (const p of config.problems) process.stderr.write(`config: ${p}\n`);
  }
  if (opts.open) openInBrowser(web.url);

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.stderr.write("Shutting down…\n");
  await web.close();
  metrics?.dispose();
  rpc.dispose();
  await engine.dispose();
}

function openInBrowser(url: string): void {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  const child = spawn(cmd, [url], { stdio: "ignore", detached: true });
  child.on("error", () => process.stderr.write(`Could not open a browser; open the URL above yourself.\n`));
  child.unref();
}
