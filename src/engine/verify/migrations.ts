import type { Migration } from "../storage/Migration.js";

/** Schema steps of the verify capability; ids start with "verify-". Append only. */
export const verifyMigrations: Migration[] = [
  {
    id: "verify-001-plans-applies-runs",
    up(db) {
      db.exec(`
        CREATE TABLE verify_plans (
          id TEXT PRIMARY KEY,
          project TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          plan_json TEXT NOT NULL
        );
        CREATE INDEX verify_plans_created ON verify_plans(created_at DESC);
        CREATE TABLE verify_applies (
          id TEXT PRIMARY KEY,
          project TEXT NOT NULL,
          plan_id TEXT,
          files_json TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          undone_at INTEGER
        );
        CREATE INDEX verify_applies_project ON verify_applies(project, created_at DESC);
        CREATE TABLE verify_test_pins (
          project TEXT PRIMARY KEY,
          apply_id TEXT,
          pinned_at INTEGER NOT NULL,
          files_json TEXT NOT NULL
        );
        CREATE TABLE verify_consent (
          project TEXT PRIMARY KEY,
          granted_at INTEGER NOT NULL
        );
        CREATE TABLE verify_test_runs (
          id TEXT PRIMARY KEY,
          project TEXT NOT NULL,
          runner TEXT NOT NULL,
          command TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          duration_ms INTEGER NOT NULL,
          exit_code INTEGER,
          timed_out INTEGER NOT NULL,
          sandbox_mode TEXT NOT NULL,
          passed INTEGER NOT NULL,
          failed INTEGER NOT NULL,
          errors INTEGER NOT NULL,
          skipped INTEGER NOT NULL,
          tests_tampered INTEGER NOT NULL,
          accepted_test_changes INTEGER NOT NULL,
          reward REAL NOT NULL,
          pass_rate REAL NOT NULL,
          validation_penalty REAL NOT NULL,
          security_penalty REAL NOT NULL,
          fix_bonus REAL NOT NULL,
          zero_reason TEXT,
          fixed_tests INTEGER NOT NULL,
          previously_failing INTEGER NOT NULL,
          apply_id TEXT,
          prompt_id TEXT,
          attempt INTEGER,
          tests_json TEXT NOT NULL
        );
        CREATE INDEX verify_test_runs_project ON verify_test_runs(project, started_at DESC);
        CREATE INDEX verify_test_runs_prompt ON verify_test_runs(prompt_id, attempt);
      `);
    },
  },
  {
    id: "verify-002-dependency-links",
    up(db) {
      // Dependency links (node_modules → elsewhere) as they were before any test ran: the sandbox trusts only these.
      db.exec("CREATE TABLE verify_dependency_links (project TEXT PRIMARY KEY, recorded_at INTEGER NOT NULL, links_json TEXT NOT NULL)");
    },
  },
];
