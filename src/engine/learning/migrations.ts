import type { Migration } from "../storage/Migration.js";

/** Schema steps of the learning capability; ids start with "learning-". Append only. */
export const learningMigrations: Migration[] = [
  {
    id: "learning-001-patterns-selectors-errors",
    up(db) {
      db.exec(`
        CREATE TABLE learning_patterns (
          rowid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          content_hash TEXT NOT NULL UNIQUE,
          task_type TEXT NOT NULL,
          reward REAL,
          passed INTEGER NOT NULL,
          iteration INTEGER NOT NULL,
          run_id TEXT,
          models TEXT NOT NULL,
          tags TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          body TEXT NOT NULL
        );
        CREATE INDEX learning_patterns_created ON learning_patterns(created_at);
        CREATE INDEX learning_patterns_run ON learning_patterns(run_id);
        CREATE VIRTUAL TABLE learning_patterns_fts USING fts5(task, prompt, code, tags, tokenize = 'porter unicode61');
        CREATE TABLE learning_arms (
          task_type TEXT NOT NULL,
          model TEXT NOT NULL,
          alpha REAL NOT NULL,
          beta REAL NOT NULL,
          n REAL NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (task_type, model)
        );
        CREATE TABLE learning_decisions (
          id TEXT PRIMARY KEY,
          at INTEGER NOT NULL,
          body TEXT NOT NULL
        );
        CREATE INDEX learning_decisions_at ON learning_decisions(at DESC);
        CREATE TABLE learning_feedback (
          id INTEGER PRIMARY KEY,
          pattern_id TEXT,
          run_id TEXT,
          thumbs TEXT NOT NULL,
          note TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE TABLE learning_errors (
          signature TEXT PRIMARY KEY,
          error_type TEXT NOT NULL,
          skeleton TEXT NOT NULL,
          location_kind TEXT NOT NULL,
          count INTEGER NOT NULL,
          first_seen INTEGER NOT NULL,
          last_seen INTEGER NOT NULL,
          example TEXT NOT NULL,
          fixes TEXT NOT NULL
        );
        CREATE INDEX learning_errors_last ON learning_errors(last_seen DESC);
        CREATE TABLE learning_open_failures (
          prompt_id TEXT NOT NULL,
          signature TEXT NOT NULL,
          PRIMARY KEY (prompt_id, signature)
        );
      `);
    },
  },
  {
    id: "learning-002-pattern-embeddings",
    up(db) {
      // One vector per pattern and embedding model (float32, little-endian); rows of a deleted pattern go with it.
      db.exec(`
        CREATE TABLE learning_embeddings (
          pattern_id TEXT NOT NULL REFERENCES learning_patterns(id) ON DELETE CASCADE,
          model TEXT NOT NULL,
          vector BLOB NOT NULL,
          PRIMARY KEY (pattern_id, model)
        );
      `);
    },
  },
];
