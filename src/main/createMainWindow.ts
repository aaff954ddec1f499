import { BrowserWindow, session, shell } from "electron";
import path from "node:path";
import { CSP } from "../shared/securityPolicy.js";
import { isAllowedExternalUrl } from "./isAllowedExternalUrl.js";

/** The app window: isolated, sandboxed, no Node, CSP, no navigation or popups, permissions denied. */
export function createMainWindow(preloadDir: string, rendererDir: string, devUrl: string | undefined): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Only http(s) responses (the dev server) get this header; the packaged file:// page is covered by its meta CSP.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [devUrl ? `${CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")}` : CSP] } });
  });
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    show: false,
    title: "CodeConductor",
    webPreferences: {
      preload: path.join(preloadDir, "index.cjs"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click (auxclick) must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: "Auxclick",
    },
  });
  win.once("ready-to-show", () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links open in the user's browser (https and mailto only), never inside the app.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: "deny" };
  });
  // The page never goes anywhere: no navigation, redirects, frames or webviews.
  win.webContents.on("will-navigate", (e) => e.preventDefault());
  win.webContents.on("will-redirect", (e) => e.preventDefault());
  win.webContents.on("will-frame-navigate", (e) => e.preventDefault());
  win.webContents.on("will-attach-webview", (e) => e.preventDefault());
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(path.join(rendererDir, "index.html"));
  return win;
}
