import type { ApplyPlan } from "../../../../shared/contract/verify.js";

/**
 * The `verify.apply` selection from the user's ticks: approved writable files, and the protected ones among them
 * that were also confirmed separately (an unconfirmed protected file is not sent at all).
 */
export function selectApproved(plan: ApplyPlan, approvals: Record<string, boolean>, protectedOk: Record<string, boolean>): { approve: string[]; confirmProtected: string[] } {
  const approve: string[] = [];
  const confirmProtected: string[] = [];
  for (const f of plan.files) {
    if (f.status === "rejected" || f.action === "none" || !approvals[f.path]) continue;
    if (f.status === "protected") {
      if (!protectedOk[f.path]) continue;
      confirmProtected.push(f.path);
    }
    approve.push(f.path);
  }
  return { approve, confirmProtected };
}
