import fs from "node:fs";
import path from "node:path";
import type { ApplyPlan } from "../../shared/contract/verify.js";
import { sha256 } from "../verify/apply/sha256.js";

/**
 * Whether the project already holds a plan's new bytes for the approved files (an apply interrupted by kill -9 that the journal then
 * finished): resuming must then test, not apply again (the stale-write guard would refuse it).
 */
export function alreadyApplied(project: string, plan: ApplyPlan, approved: "all" | string[] = "all"): boolean {
  const chosen = (p: string): boolean => approved === "all" || approved.includes(p);
  const files = plan.files.filter((f) => f.status === "ok" && f.action !== "none" && chosen(f.path));
  if (!files.length) return false;
  return files.every((f) => {
    let now: string | null = null;
    try {
      now = sha256(fs.readFileSync(path.join(project, f.path)));
    } catch {
      // Missing: deleted, or never created.
    }
    return now === f.newHash;
  });
}
