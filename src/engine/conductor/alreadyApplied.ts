import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ApplyPlan } from "../../shared/contract/verify.js";

/**
 * Whether the project already holds a plan's new bytes (an apply interrupted by kill -9 that the journal then
 * finished): resuming must then test, not apply again (the stale-write guard would refuse it).
 */
export function alreadyApplied(project: string, plan: ApplyPlan): boolean {
  const files = plan.files.filter((f) => f.status === "ok" && f.action !== "none");
  if (!files.length) return false;
  return files.every((f) => {
    let now: string | null = null;
    try {
      now = createHash("sha256").update(fs.readFileSync(path.join(project, f.path))).digest("hex");
    } catch {
      // Missing: deleted, or never created.
    }
    return now === f.newHash;
  });
}
