import type Database from "better-sqlite3";
import type { ApplyEntry } from "../../shared/contract/insight.js";
import type { RunEvent, RunSummary } from "../../shared/contract/runs.js";
import { RunStore } from "../runs/RunStore.js";

/** A stored run with everything the history, KPIs and bundles read. */
export interface RunRecord {
  run: RunSummary;
  input: unknown;
  result?: unknown;
  events: RunEvent[];
  applies: ApplyEntry[];
}

interface ApplyRow {
  id: string;
  project: string;
  files_json: string;
  created_at: number;
  undone_at: number | null;
}

/** Applies this run made: the ids its `applied` events name, plus applies to its project while it ran. */
function appliesOf(db: Database.Database, run: RunSummary, input: unknown, events: RunEvent[]): ApplyEntry[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === "data" && e.channel === "applied") {
      const id = (e.data as { applyId?: unknown } | null)?.applyId;
      if (typeof id === "string") ids.add(id);
    }
  }
  const rows = new Map<string, ApplyRow>();
  const byId = db.prepare("SELECT * FROM verify_applies WHERE id = ?");
  for (const id of ids) {
    const r = byId.get(id) as ApplyRow | undefined;
    if (r) rows.set(r.id, r);
  }
  const project = (input as { project?: unknown } | null)?.project;
  if (typeof project === "string" && run.kind === "conductor.loop") {
    const end = run.endedAt ?? Number.MAX_SAFE_INTEGER;
    for (const r of db.prepare("SELECT * FROM verify_applies WHERE created_at >= ? AND created_at <= ?").all(run.startedAt, end) as ApplyRow[]) {
      if (r.project === project || r.project.endsWith(project)) rows.set(r.id, r);
    }
  }
  return [...rows.values()]
    .sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id))
    .map((r) => ({ applyId: r.id, project: r.project, files: (JSON.parse(r.files_json) as Array<{ path: string }>).map((f) => f.path), createdAt: r.created_at, undoneAt: r.undone_at }));
}

/** Load one run from the run log (undefined when unknown). */
export function loadRunRecord(db: Database.Database, runId: string): RunRecord | undefined {
  const loaded = new RunStore(db).load(runId);
  if (!loaded) return undefined;
  return { ...loaded, applies: appliesOf(db, loaded.run, loaded.input, loaded.events) };
}
