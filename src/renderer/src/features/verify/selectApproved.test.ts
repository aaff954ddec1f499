import { describe, expect, it } from "vitest";
import type { ApplyPlan, PlannedFile } from "../../../../shared/contract/verify.js";
import { selectApproved } from "./selectApproved.js";

const file = (path: string, status: PlannedFile["status"], action: PlannedFile["action"] = "modify"): PlannedFile => ({
  path, action, status, reasons: [], flags: [], oldHash: null, newHash: null, oldText: "", newText: "", diff: "", findings: [],
});
const plan: ApplyPlan = {
  planId: "p", project: "/p", createdAt: 0, unmapped: [], notes: [], touchesTests: false,
  files: [file("a.ts", "ok"), file("b.ts", "ok"), file(".env", "protected"), file(".git/hooks/x", "protected"), file("../x", "rejected"), file("same.ts", "ok", "none")],
};

describe("selectApproved", () => {
  it("sends approved ok files, and protected files only when also confirmed; never rejected or unchanged ones", () => {
    const approvals = { "a.ts": true, "b.ts": false, ".env": true, ".git/hooks/x": true, "../x": true, "same.ts": true };
    expect(selectApproved(plan, approvals, { ".env": true })).toEqual({ approve: ["a.ts", ".env"], confirmProtected: [".env"] });
    expect(selectApproved(plan, {}, { ".env": true })).toEqual({ approve: [], confirmProtected: [] });
  });
});
