import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";

const require = createRequire(import.meta.url);

/** The Electron binary the `electron` package would launch, without importing it. */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(require.resolve("electron/package.json"));
    const bin = path.join(dir, "dist", fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Doctor check `electron` (web and CLI shells): whether `npm run app` can open the desktop app here. */
export function electronBinaryCheck(): DoctorCheck {
  const bin = electronBinary();
  return bin
    ? { id: "electron", title: "Electron binary", status: "ok", detail: bin }
    : {
        id: "electron",
        title: "Electron binary",
        status: "warn",
        detail: "not installed; the desktop app cannot start, web mode works",
        fix: "On a machine that can reach Electron's downloads: `node node_modules/electron/install.js`. Otherwise use `codeconductor serve`.",
      };
}
