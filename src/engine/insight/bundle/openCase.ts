import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { ImportedCase, RunKpis, type RunDetail } from "../../../shared/contract/insight.js";
import { RunEvent, RunSummary } from "../../../shared/contract/runs.js";
import { buildTimeline } from "../buildTimeline.js";
import type { RunRecord } from "../loadRunRecord.js";

/** Imported cases in `casesDir`, newest first. */
export function listCases(casesDir: string): ImportedCase[] {
  if (!fs.existsSync(casesDir)) return [];
  const out: ImportedCase[] = [];
  for (const name of fs.readdirSync(casesDir)) {
    const meta = path.join(casesDir, name, ".imported.json");
    if (!/^[0-9a-f]{16}$/.test(name) || !fs.existsSync(meta)) continue;
    const parsed = ImportedCase.safeParse(JSON.parse(fs.readFileSync(meta, "utf8")));
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => b.importedAt - a.importedAt);
}

/** An imported case as a read-only run: its sanitized event log, timeline and KPIs. */
export function openCase(casesDir: string, caseId: string): RunDetail {
  try {
    return readCase(casesDir, caseId);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(ErrorCode.Corrupt, `Imported case ${caseId} cannot be read: ${(e as Error).message.slice(0, 300)}`, { cause: e });
  }
}

function readCase(casesDir: string, caseId: string): RunDetail {
  if (!/^[0-9a-f]{16}$/.test(caseId)) throw new AppError(ErrorCode.InvalidInput, `Not a case id: ${caseId}`);
  const dir = path.join(casesDir, caseId);
  if (!fs.existsSync(path.join(dir, ".imported.json"))) throw new AppError(ErrorCode.NotFound, `No imported case ${caseId}`);
  const read = (f: string): string | null => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : null);
  const runJson = JSON.parse(read("logs/run.json") ?? "{}") as { run?: unknown; input?: unknown; applies?: RunRecord["applies"] };
  const run = RunSummary.parse(runJson.run);
  const events = (read("logs/events.jsonl") ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => RunEvent.safeParse(JSON.parse(l)))
    .filter((r) => r.success)
    .map((r) => r.data!);
  const kpis = RunKpis.parse(JSON.parse(read("kpi.json") ?? "null"));
  const rec: RunRecord = { run, input: runJson.input, events, applies: runJson.applies ?? [] };
  const result = events.find((e) => e.type === "result");
  return { run, input: runJson.input, ...(result && result.type === "result" ? { result: result.result } : {}), events, timeline: buildTimeline(rec), applies: rec.applies, kpis, caseId };
}
