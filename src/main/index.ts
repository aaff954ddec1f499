import { app, BrowserWindow } from "electron";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, loadConfig, type Engine } from "../engine/index.js";
import { createElectronPorts } from "../platform/electron/createElectronPorts.js";
import { createMemoryPair, RpcClient, type RpcServer } from "../shared/rpc/index.js";
import { createMainWindow } from "./createMainWindow.js";
import { createTray } from "./createTray.js";
import { followLoopStages } from "./followLoopStages.js";
import { ipcConnection } from "./ipcConnection.js";
import { startRunFromClipboard } from "./startRunFromClipboard.js";
import { isTrustedUrl } from "./isTrustedUrl.js";

// Thin shell: wiring only. All behaviour worth testing lives in the engine (tested under plain Node).
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadDir = path.join(here, "..", "preload");
const rendererDir = path.join(here, "..", "renderer");
const devUrl = process.env.ELECTRON_RENDERER_URL;
app.setName("CodeConductor");

let win: BrowserWindow | null = null;
let engine: Engine | null = null;
let rpc: RpcServer | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on("second-instance", () => showWindow());
  app.whenReady().then(start, (e: unknown) => {
    console.error(e);
    app.exit(1);
  });
}

function showWindow(): void {
  if (!win || win.isDestroyed()) openWindow();
  else {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }
}

function openWindow(): void {
  win = createMainWindow(preloadDir, rendererDir, devUrl);
  const contents = win.webContents;
  // A fresh connection per page load; the old one closes on navigation/reload.
  contents.on("did-finish-load", () => rpc?.accept(ipcConnection(contents, (url) => isTrustedUrl(url, rendererDir, devUrl))));
  win.on("closed", () => (win = null));
}

async function start(): Promise<void> {
  const ports = createElectronPorts();
  engine = await createEngine(loadConfig(ports.paths.dataDir), ports);
  const e = engine;
  rpc = e.createRpcServer();
  openWindow();
  // The tray talks to the engine through the contract, like the window does, over an in-process connection.
  const pair = createMemoryPair();
  rpc.accept(pair.server);
  const client = new RpcClient(pair.client);
  const tray = createTray(path.join(here, "..", "..", "resources", "icon.png"), {
    show: showWindow,
    startFromClipboard: () =>
      void startRunFromClipboard({ client, clipboard: ports.clipboard, notify: e.ctx.notify }).then((runId) => runId && showWindow()),
    emergencyStop: () =>
      void client.call("conductor.stopAll", {}).then(
        (r) => e.ctx.notify({ title: "Emergency stop", message: `${r.cancelled} run(s) stopped`, level: "warn" }),
        (err: Error) => e.ctx.notify({ title: "Emergency stop failed", message: err.message, level: "error" }),
      ),
    dataDir: ports.paths.dataDir,
    quit: () => app.quit(),
  });
  await followLoopStages(client, (stage) => tray.setStage(stage)).catch((err: Error) => e.ctx.logger.warn(`tray: run stages unavailable: ${err.message}`));
}

let quitting = false;
app.on("before-quit", (event) => {
  if (quitting || !engine) return;
  event.preventDefault();
  quitting = true;
  rpc?.dispose();
  void engine.dispose().finally(() => app.quit());
});
app.on("window-all-closed", () => {
  // Stay in the tray; Quit from the tray menu ends the app.
});
