import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSchemas } from "../../../src/shared/insight/bundleSchemas.js";

const dir = path.resolve(import.meta.dirname, "../../../resources/schemas");

describe("shipped JSON schemas", () => {
  it.each(Object.keys(bundleSchemas()))("resources/schemas/%s matches the contract (regenerate: npx tsx scripts/gen-schemas.ts)", (name) => {
    const shipped = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as unknown;
    expect(shipped).toEqual(bundleSchemas()[name]);
  });

  it("documents every KPI the issue names", () => {
    const props = Object.keys((bundleSchemas()["kpi.schema.json"] as { properties: Record<string, unknown> }).properties);
    for (const k of ["ttft_ms", "tokens_per_s", "latency_by_model", "first_prompt_success", "pass_rate_before", "pass_rate_after", "iterations_to_green", "winner", "consensus_method", "codebleu", "sampling", "selector", "config_digest"]) expect(props).toContain(k);
  });
});
