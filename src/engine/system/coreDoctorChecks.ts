import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";
import type { QuarantineRecord } from "../storage/openDatabase.js";
import { clipboardHelperPath } from "./clipboardHelperPath.js";

const require = createRequire(import.meta.url);

/** Checks of the foundation: runtime, data folder, database, desktop integration. */
export async function coreDoctorChecks(ctx: EngineContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const major = Number(process.versions.node.split(".")[0]);
  checks.push(
    major >= 20
      ? { id: "node", title: "Node.js version", status: "ok", detail: `v${process.versions.node}` }
      : { id: "node", title: "Node.js version", status: "fail", detail: `v${process.versions.node}`, fix: "Install Node.js 20 or newer." },
  );

  try {
    const probe = path.join(ctx.dataDir, `.doctor-${process.pid}`);
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
    checks.push({ id: "data-dir", title: "Data folder writable", status: "ok", detail: ctx.dataDir });
  } catch (e) {
    checks.push({
      id: "data-dir",
      title: "Data folder writable",
      status: "fail",
      detail: `${ctx.dataDir}: ${(e as Error).message}`,
      fix: `Make ${ctx.dataDir} writable, or point CODECONDUCTOR_HOME at a writable folder.`,
    });
  }

  try {
    const rows = ctx.db.pragma("quick_check") as Array<{ quick_check: string }>;
    const ok = rows.every((r) => r.quick_check === "ok");
    checks.push(
      ok && !ctx.dbReadOnly
        ? { id: "database", title: "Database integrity", status: "ok", detail: ctx.db.name }
        : {
            id: "database",
            title: "Database integrity",
            status: ok ? "warn" : "fail",
            detail: ok ? `${ctx.db.name} is open read-only (written by a newer version)` : rows.map((r) => r.quick_check).join("; "),
            fix: ok ? "Update CodeConductor to write to this database." : "Restart the app: a corrupt database is quarantined and restored from backup.",
          },
    );
  } catch (e) {
    checks.push({ id: "database", title: "Database integrity", status: "fail", detail: (e as Error).message, fix: "Restart the app to quarantine the database." });
  }

  checks.push(...quarantineChecks(ctx.dataDir));

  const electronPath = electronBinary();
  checks.push(
    electronPath
      ? { id: "electron", title: "Electron binary", status: "ok", detail: electronPath }
      : {
          id: "electron",
          title: "Electron binary",
          status: "warn",
          detail: "not installed; the desktop app cannot start, web mode works",
          fix: "On a machine that can reach Electron's downloads: `node node_modules/electron/install.js`. Otherwise use `codeconductor serve`.",
        },
  );

  const display = process.env.WAYLAND_DISPLAY ? `Wayland ${process.env.WAYLAND_DISPLAY}` : process.env.DISPLAY ? `X11 ${process.env.DISPLAY}` : null;
  if (process.platform === "linux") {
    checks.push(
      display
        ? { id: "display", title: "Display", status: "ok", detail: display }
        : { id: "display", title: "Display", status: "warn", detail: "no DISPLAY or WAYLAND_DISPLAY", fix: "Run inside a desktop session, or use web mode (`codeconductor serve`); for tests: `xvfb-run`." },
    );
  }

  checks.push(clipboardHelperCheck());

  const hk = await ctx.ports.hotkeys.available();
  checks.push(
    hk.ok
      ? { id: "hotkeys", title: "Global hotkeys", status: "ok", detail: "available" }
      : { id: "hotkeys", title: "Global hotkeys", status: "warn", detail: hk.reason ?? "unavailable", fix: "Global hotkeys need an X11 display with the RECORD extension (or the desktop app on macOS/Windows)." },
  );

  // The sandbox is checked by the verify capability, with a real namespace probe (verify.sandbox).
  return checks;
}

function clipboardHelperCheck(): DoctorCheck {
  if (process.platform !== "linux") return { id: "clipboard", title: "Clipboard watcher", status: "ok", detail: `${process.platform} helper` };
  const helper = clipboardHelperPath();
  if (!helper) return { id: "clipboard", title: "Clipboard watcher", status: "warn", detail: "clipboard-event not installed", fix: "Run `npm ci`; polling is used meanwhile." };
  if (!fs.existsSync(helper)) return { id: "clipboard", title: "Clipboard watcher", status: "warn", detail: `helper missing at ${helper}`, fix: "Reinstall dependencies (`npm ci`); polling is used meanwhile." };
  try {
    fs.accessSync(helper, fs.constants.X_OK);
  } catch {
    return { id: "clipboard", title: "Clipboard watcher", status: "warn", detail: `${helper} is not executable (npm drops the bit)`, fix: `chmod +x ${helper} (the app does this itself when it starts watching); polling is used meanwhile.` };
  }
  return { id: "clipboard", title: "Clipboard watcher", status: "ok", detail: helper };
}

/** The Electron binary the `electron` package would launch, without importing it (the engine never does). */
export function electronBinary(): string | null {
  try {
    const dir = path.dirname(require.resolve("electron/package.json"));
    const rel = fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim();
    const bin = path.join(dir, "dist", rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** One warning per database file quarantined as corrupt (until the user deletes it): what happened and where it is. */
function quarantineChecks(dataDir: string): DoctorCheck[] {
  const dir = path.join(dataDir, "quarantine");
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith(".reason.json"));
  } catch {
    return [];
  }
  const out: DoctorCheck[] = [];
  for (const name of names.sort()) {
    let r: Partial<QuarantineRecord>;
    try {
      r = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as QuarantineRecord;
    } catch {
      r = {};
    }
    const movedTo = r.movedTo ?? path.join(dir, name.replace(/\.reason\.json$/, ""));
    if (!fs.existsSync(movedTo)) continue; // the user dealt with it
    out.push({
      id: "database-quarantine",
      title: "Database quarantined",
      status: "warn",
      detail: `${r.file ?? "the database"} was unreadable${r.reason ? ` (${r.reason})` : ""}${r.at ? ` on ${r.at}` : ""}; the old file is at ${movedTo} and a restored or fresh database is in use`,
      fix: `Inspect ${movedTo} (it may hold history, consents and test pins newer than any backup), then delete it and ${path.basename(movedTo)}.reason.json.`,
    });
  }
  return out;
}
