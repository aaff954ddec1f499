import type Database from "better-sqlite3";
import type { HistoryRun } from "../../shared/contract/insight.js";
import type { RunStatus } from "../../shared/contract/runs.js";
import { RunStore } from "../runs/RunStore.js";

export interface HistoryFilter {
  kind?: string;
  status?: RunStatus;
  project?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** Stored runs with their project folder (from the input), filtered, newest first; and the kinds present. */
export function listHistory(db: Database.Database, f: HistoryFilter): { runs: HistoryRun[]; kinds: string[] } {
  const store = new RunStore(db);
  const rows = db
    .prepare(`SELECT id, input_json FROM runs WHERE started_at >= ? AND started_at < ? ${f.kind ? "AND kind = ?" : ""} ORDER BY started_at DESC LIMIT ?`)
    .all(...[f.since ?? 0, f.until ?? Number.MAX_SAFE_INTEGER, ...(f.kind ? [f.kind] : []), 5000]) as Array<{ id: string; input_json: string | null }>;
  const out: HistoryRun[] = [];
  for (const r of rows) {
    const input = r.input_json ? (JSON.parse(r.input_json) as { project?: unknown; projectDir?: unknown } | null) : null;
    const project = typeof input?.project === "string" ? input.project : typeof input?.projectDir === "string" ? input.projectDir : null;
    if (f.project && !(project ?? "").toLowerCase().includes(f.project.toLowerCase())) continue;
    const summary = store.load(r.id)?.run;
    if (!summary || (f.status && summary.status !== f.status)) continue;
    out.push({ ...summary, project });
    if (out.length >= (f.limit ?? 200)) break;
  }
  const kinds = (db.prepare("SELECT DISTINCT kind FROM runs ORDER BY kind").all() as Array<{ kind: string }>).map((k) => k.kind);
  return { runs: out, kinds };
}
