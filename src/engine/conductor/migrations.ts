import type { Migration } from "../storage/Migration.js";

/** Schema steps of the conductor loop; ids start with "conductor-". Append only. */
export const conductorMigrations: Migration[] = [
  {
    id: "conductor-001-attempts",
    up(db) {
      db.exec(`
        CREATE TABLE conductor_attempts (
          id TEXT PRIMARY KEY,
          run_id TEXT NOT NULL,
          prompt_id TEXT NOT NULL,
          iteration INTEGER NOT NULL,
          project TEXT NOT NULL,
          passed INTEGER NOT NULL,
          reward REAL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER NOT NULL,
          record_json TEXT NOT NULL
        );
        CREATE INDEX conductor_attempts_run ON conductor_attempts(run_id, iteration);
        CREATE INDEX conductor_attempts_ended ON conductor_attempts(ended_at DESC);
      `);
    },
  },
];
