import fs from "node:fs";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ApplyPlan, PlannedFile } from "../../../shared/contract/verify.js";
import { validateTargetPath, type PathRules } from "../paths/validateTargetPath.js";
import { applyFiles, type PreparedChange } from "./applyFiles.js";
import type { Journal } from "./journalFile.js";
import { recoverJournals } from "./recoverJournals.js";
import { sha256 } from "./sha256.js";
import { textShape, toFileBytes } from "./textFormat.js";
import { projectJournalDir, withProjectLock } from "./withProjectLock.js";

export interface ApplyApprovedInput {
  plan: ApplyPlan;
  /** "all" approves every `ok` file; a list approves exactly those paths. */
  approve: "all" | string[];
  /** Protected paths the user confirmed separately; a protected file is written only when listed here. */
  confirmProtected?: string[];
  journalRoot: string;
  rules: PathRules;
  onStep?: (step: string) => void;
}

export interface ApplyOutcome {
  journal: Journal | null;
  written: string[];
  skipped: Array<{ path: string; reason: string }>;
}

/**
 * Write the approved files of a plan. Each path is validated again (a symlink may have appeared since review)
 * and each file must still hold the bytes that were reviewed (stale-write guard → `conflict`, re-plan). The write
 * is one journaled transaction (applyFiles); pending journals of the project are recovered first.
 */
export function applyApproved(input: ApplyApprovedInput): ApplyOutcome {
  const { plan } = input;
  const skipped: ApplyOutcome["skipped"] = [];
  const chosen: PlannedFile[] = [];
  for (const f of plan.files) {
    const reason = skipReason(f, input);
    if (reason) skipped.push({ path: f.path, reason });
    else chosen.push(f);
  }
  const unknown = Array.isArray(input.approve) ? input.approve.filter((p) => !plan.files.some((f) => f.path === p)) : [];
  if (unknown.length) throw new AppError(ErrorCode.InvalidInput, `Not in the plan: ${unknown.join(", ")}`);
  if (!chosen.length) return { journal: null, written: [], skipped };

  const projectReal = fs.realpathSync(plan.project);
  const changes: PreparedChange[] = [];
  const stale: string[] = [];
  for (const f of chosen) {
    const check = validateTargetPath(projectReal, f.path, input.rules);
    if (check.rejected.length) throw new AppError(ErrorCode.Forbidden, `${f.path}: ${check.rejected.join("; ")}`);
    const old = check.exists ? fs.readFileSync(check.abs) : null;
    if ((old ? sha256(old) : null) !== f.oldHash) {
      stale.push(f.path);
      continue;
    }
    const newBytes = f.action === "delete" ? null : toFileBytes(f.newText, old ? textShape(old) : null);
    if (newBytes && sha256(newBytes) !== f.newHash) throw new AppError(ErrorCode.Internal, `${f.path}: planned bytes could not be reproduced`);
    changes.push({ rel: check.rel, action: f.action as PreparedChange["action"], newBytes, oldHash: f.oldHash });
  }
  if (stale.length) throw new AppError(ErrorCode.Conflict, `Changed since review: ${stale.join(", ")}. Review the new diff.`, { details: { stale } });

  const journalDir = projectJournalDir(input.journalRoot, projectReal);
  const journal = withProjectLock(journalDir, () => {
    recoverJournals(journalDir);
    return applyFiles({ journalDir, project: projectReal, planId: plan.planId, changes, onStep: input.onStep });
  });
  return { journal, written: changes.map((c) => c.rel), skipped };
}

function skipReason(f: PlannedFile, input: ApplyApprovedInput): string | null {
  const approved = input.approve === "all" || input.approve.includes(f.path);
  if (f.status === "rejected") return `rejected: ${f.reasons.join("; ")}`;
  if (f.action === "none") return "unchanged";
  if (!approved) return "not approved";
  if (f.status === "protected" && !(input.confirmProtected ?? []).includes(f.path)) return "protected path: needs a separate confirmation";
  return null;
}
