import type { Migration } from "./Migration.js";

export const coreMigrations: Migration[] = [
  {
    id: "core-001-runs",
    up(db) {
      db.exec(`
        CREATE TABLE runs (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          title TEXT,
          status TEXT NOT NULL,
          input_json TEXT,
          result_json TEXT,
          error_json TEXT,
          started_at INTEGER NOT NULL,
          ended_at INTEGER
        );
        CREATE INDEX runs_started ON runs(started_at DESC);
        CREATE TABLE run_events (
          run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          event_json TEXT NOT NULL,
          PRIMARY KEY (run_id, seq)
        );
      `);
    },
  },
  {
    // Runs are logged as they happen; the owning process lets another one tell a live run from an interrupted one.
    id: "core-002-run-owner",
    up(db) {
      db.exec(`
        ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
        ALTER TABLE runs ADD COLUMN owner_started_at INTEGER;
      `);
    },
  },
];
