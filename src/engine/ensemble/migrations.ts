import type { Migration } from "../storage/Migration.js";

/** Schema steps of the ensemble capability; ids start with "ensemble-". Append only. */
export const ensembleMigrations: Migration[] = [
  {
    id: "ensemble-001-debate-turns",
    up(db) {
      db.exec(`
        CREATE TABLE ensemble_debate_turns (
          run_id TEXT NOT NULL,
          round INTEGER NOT NULL,
          agent TEXT NOT NULL,
          model_id TEXT NOT NULL,
          status TEXT NOT NULL,
          content TEXT NOT NULL,
          error TEXT,
          elapsed_ms INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (run_id, round, agent)
        );
      `);
    },
  },
];
