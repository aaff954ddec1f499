import { z } from "zod";
import { CaseManifest, ConsensusFile, KpiReport, RunKpis, SelectorDecisionFile } from "../contract/insight.js";

/** The JSON Schemas shipped in resources/schemas/, generated from the contract (a test keeps them in sync). */
export function bundleSchemas(): Record<string, unknown> {
  const gen = (id: string, s: z.ZodType): unknown => ({ $id: `https://codeconductor.local/schemas/${id}`, ...(z.toJSONSchema(s, { io: "output" }) as object) });
  return {
    "kpi.schema.json": gen("kpi.schema.json", RunKpis),
    "kpi-report.schema.json": gen("kpi-report.schema.json", KpiReport),
    "manifest.schema.json": gen("manifest.schema.json", CaseManifest),
    "consensus.schema.json": gen("consensus.schema.json", ConsensusFile),
    "selector_decision.schema.json": gen("selector_decision.schema.json", SelectorDecisionFile),
  };
}
