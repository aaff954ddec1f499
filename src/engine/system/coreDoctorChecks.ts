import fs from "node:fs";
import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";

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

  // Display, clipboard, hotkeys, notifications and the Electron binary are the shell's: its ports report them.
  checks.push(...(await ctx.ports.doctor(signal)));

  // The sandbox is checked by the verify capability, with a real namespace probe (verify.sandbox).
  return checks;
}
