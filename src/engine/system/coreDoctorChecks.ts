import fs from "node:fs";
import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";
import type { QuarantineRecord } from "../storage/openDatabase.js";

/** Checks of the foundation: runtime, data folder, database; then the shell's own (ports.doctor). */
export async function coreDoctorChecks(ctx: EngineContext, signal: AbortSignal): Promise<DoctorCheck[]> {
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
  // Display, clipboard, hotkeys, notifications and the Electron binary are the shell's: its ports report them.
  checks.push(...(await ctx.ports.doctor(signal)));

  // The sandbox is checked by the verify capability, with a real namespace probe (verify.sandbox).
  return checks;
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
