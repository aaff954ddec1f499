import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

const helperNames: Partial<Record<NodeJS.Platform, string>> = {
  linux: "clipboard-event-handler-linux",
  darwin: "clipboard-event-handler-mac",
  win32: "clipboard-event-handler-win32.exe",
};

/**
 * Path of clipboard-event's native helper for this OS, or null when the package is missing or has none.
 * Resolved through the package's main entry: its `exports` map does not expose package.json. Inside a packaged
 * Electron app the helper is unpacked next to the asar (build/electron-builder.yml asarUnpack): a file inside
 * an asar cannot be executed.
 */
export function clipboardHelperPath(platform: NodeJS.Platform = process.platform): string | null {
  const name = helperNames[platform];
  if (!name) return null;
  try {
    const dir = path.dirname(require.resolve("clipboard-event"));
    return path.join(dir.replace(/app\.asar(?=[\\/])/, "app.asar.unpacked"), "platform", name);
  } catch {
    return null;
  }
}

/**
 * The helper, made runnable: npm installs it without the execute bit, so set it; where the install is read-only
 * (AppImage, system package) run a private executable copy from the temp folder instead.
 */
export function runnableClipboardHelper(platform: NodeJS.Platform = process.platform, helper = clipboardHelperPath(platform)): { path: string } | { problem: string } {
  if (!helper) return { problem: "clipboard-event is not installed (run `npm ci`)" };
  if (!fs.existsSync(helper)) return { problem: `clipboard helper missing at ${helper}` };
  if (platform === "win32" || isExecutable(helper)) return { path: helper };
  try {
    fs.chmodSync(helper, 0o755);
    return { path: helper };
  } catch {
    // Read-only install: fall through to a private copy.
  }
  try {
    const bytes = fs.readFileSync(helper);
    const copy = path.join(os.tmpdir(), `codeconductor-clipboard-helper-${crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 12)}`);
    if (!fs.existsSync(copy)) fs.writeFileSync(copy, bytes, { mode: 0o755 });
    return isExecutable(copy) ? { path: copy } : { problem: `${helper} is not executable and no executable copy could be made` };
  } catch (e) {
    return { problem: `${helper} is not executable (npm drops the bit) and could not be fixed: ${(e as Error).message}` };
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
