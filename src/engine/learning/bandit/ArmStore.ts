import type Database from "better-sqlite3";
import type { ArmState, TaskType } from "../../../shared/contract/learning.js";
import type { MemberWeights } from "../../ensemble/consensus/MemberWeights.js";
import { PRIOR, armMean, armSd, decayArm, updateArm, type BetaArm } from "./BetaArm.js";

interface Row {
  task_type: TaskType;
  model: string;
  alpha: number;
  beta: number;
  n: number;
  updated_at: number;
}

/** Beta posteriors per task type × model, persisted in SQLite so the bandit keeps what it learned. */
export class ArmStore {
  constructor(private readonly db: Database.Database) {}

  get(taskType: TaskType, model: string): BetaArm {
    const r = this.db.prepare("SELECT alpha, beta, n FROM learning_arms WHERE task_type = ? AND model = ?").get(taskType, model) as BetaArm | undefined;
    return r ?? { ...PRIOR };
  }

  /** Record one reward in [0, 1] for a model on a task type; `discount` < 1 also decays the type's other arms. */
  update(taskType: TaskType, model: string, reward: number, discount: number, now = Date.now()): void {
    const put = this.db.prepare(
      "INSERT INTO learning_arms (task_type, model, alpha, beta, n, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(task_type, model) DO UPDATE SET alpha = excluded.alpha, beta = excluded.beta, n = excluded.n, updated_at = excluded.updated_at",
    );
    this.db.transaction(() => {
      if (discount < 1) {
        const others = this.db.prepare("SELECT * FROM learning_arms WHERE task_type = ? AND model != ?").all(taskType, model) as Row[];
        for (const o of others) {
          const d = decayArm(o, discount);
          put.run(o.task_type, o.model, d.alpha, d.beta, d.n, o.updated_at);
        }
      }
      const a = updateArm(this.get(taskType, model), reward, discount);
      put.run(taskType, model, a.alpha, a.beta, a.n, now);
    })();
  }

  all(): ArmState[] {
    const rows = this.db.prepare("SELECT * FROM learning_arms ORDER BY task_type, alpha / (alpha + beta) DESC").all() as Row[];
    return rows.map((r) => ({ taskType: r.task_type, model: r.model, alpha: r.alpha, beta: r.beta, n: r.n, mean: armMean(r), sd: armSd(r), updatedAt: r.updated_at }));
  }

  /**
   * Reputation weights for the consensus: each model's posterior mean over all task types, divided by the
   * prior mean (0.5), so an unknown model weighs 1 and a reliable one up to 2.
   */
  weights(): MemberWeights {
    return {
      weightOf: (member) => {
        const r = this.db.prepare("SELECT SUM(alpha - 1) AS s, SUM(beta - 1) AS f FROM learning_arms WHERE model = ?").get(member.modelId) as { s: number | null; f: number | null };
        return armMean({ alpha: 1 + (r.s ?? 0), beta: 1 + (r.f ?? 0), n: 0 }) / 0.5;
      },
    };
  }
}
