#!/usr/bin/env node
// `npm run app`: install if needed, then start the desktop app where Electron can run, otherwise web mode.
// Plain Node, no dependencies: it runs before `npm ci`.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fetchElectron } from "./fetchElectron.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
const log = (m) => process.stderr.write(`[codeconductor] ${m}\n`);

if (!fs.existsSync(path.join(root, "node_modules", ".package-lock.json"))) {
  log("installing dependencies (npm ci)…");
  // Skip Electron's binary download here; it is fetched below only if reachable.
  const env = { ELECTRON_SKIP_BINARY_DOWNLOAD: "1" };
  if (!run(npm, ["ci", "--no-audit", "--no-fund"], env)) process.exit(1);
}

function electronBinary() {
  try {
    const dir = path.join(root, "node_modules", "electron");
    const bin = path.join(dir, "dist", fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const wantWeb = process.argv.includes("--web") || process.env.CC_WEB === "1";
const hasDisplay = process.platform !== "linux" || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let electron = electronBinary();
let why = "";
if (!wantWeb && hasDisplay && !electron) {
  log("fetching the Electron binary…");
  const fetched = fetchElectron(root);
  electron = electronBinary();
  if (!electron) why = `the Electron binary could not be downloaded (${fetched.ok ? "installer reported success, binary missing" : fetched.reason})`;
}
if (!hasDisplay) why = "there is no display (DISPLAY/WAYLAND_DISPLAY unset)";
if (wantWeb) why = "web mode was requested";

log("building the app (electron-vite build)…");
if (!run(process.execPath, [path.join(root, "node_modules", "electron-vite", "bin", "electron-vite.js"), "build"], { ELECTRON_SKIP_BINARY_DOWNLOAD: "1" })) process.exit(1);
// The CLI and web server as plain JavaScript (out/cli), which bin/codeconductor.js runs.
if (!run(process.execPath, [path.join(root, "scripts", "build-cli.mjs")])) process.exit(1);

if (electron && !wantWeb && hasDisplay) {
  // better-sqlite3 is compiled against Node's ABI for the tests; Electron needs its own build.
  const marker = path.join(root, "node_modules", ".cc-electron-abi");
  if (!fs.existsSync(marker)) {
    log("rebuilding native modules for Electron…");
    if (!run("npx", ["--yes", "@electron/rebuild", "--only", "better-sqlite3"])) process.exit(1);
    fs.writeFileSync(marker, "better-sqlite3 built for Electron; scripts/test-all.sh rebuilds it for Node\n");
  }
  log("starting the desktop app…");
  const child = spawn(electron, ["."], { cwd: root, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  log(`starting web mode because ${why}. Open the URL below in a browser on this machine.`);
  const child = spawn(process.execPath, [path.join(root, "bin", "codeconductor.js"), "serve", ...process.argv.slice(2).filter((a) => a !== "--web")], { cwd: root, stdio: "inherit" });
  const stop = () => child.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}
