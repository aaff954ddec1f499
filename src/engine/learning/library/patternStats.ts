import type Database from "better-sqlite3";
import type { PatternStats } from "../../../shared/contract/learning.js";

interface Row {
  task_type: string;
  reward: number | null;
  passed: number;
  iteration: number;
  run_id: string | null;
  models: string;
  created_at: number;
}

type Acc = { attempts: number; ok: number; rewardSum: number; rewarded: number };

function add(map: Map<string, Acc>, key: string, r: Row): void {
  const a = map.get(key) ?? { attempts: 0, ok: 0, rewardSum: 0, rewarded: 0 };
  a.attempts++;
  a.ok += r.passed;
  if (r.reward !== null) {
    a.rewardSum += r.reward;
    a.rewarded++;
  }
  map.set(key, a);
}

const buckets = (m: Map<string, Acc>) =>
  [...m.entries()].map(([key, a]) => ({ key, attempts: a.attempts, successRate: a.ok / a.attempts, meanReward: a.rewarded ? a.rewardSum / a.rewarded : null }));

/** Success rate and mean reward per day, per model and per task type; at which iteration runs went green. */
export function patternStats(db: Database.Database): PatternStats {
  const rows = db.prepare("SELECT task_type, reward, passed, iteration, run_id, models, created_at FROM learning_patterns ORDER BY created_at").all() as Row[];
  const day = new Map<string, Acc>();
  const model = new Map<string, Acc>();
  const type = new Map<string, Acc>();
  const greenAt = new Map<string, number>();
  for (const r of rows) {
    add(day, new Date(r.created_at).toISOString().slice(0, 10), r);
    add(type, r.task_type, r);
    for (const m of JSON.parse(r.models) as string[]) add(model, m, r);
    if (r.passed && r.run_id) greenAt.set(r.run_id, Math.min(greenAt.get(r.run_id) ?? Infinity, r.iteration));
  }
  const hist = new Map<number, number>();
  for (const it of greenAt.values()) hist.set(it, (hist.get(it) ?? 0) + 1);
  return {
    total: rows.length,
    succeeded: rows.filter((r) => r.passed).length,
    overTime: buckets(day),
    perModel: buckets(model).sort((a, b) => b.attempts - a.attempts),
    perTaskType: buckets(type).sort((a, b) => b.attempts - a.attempts),
    iterationsToGreen: [...hist.entries()].sort((a, b) => a[0] - b[0]).map(([iterations, runs]) => ({ iterations, runs })),
  };
}
