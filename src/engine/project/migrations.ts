import type { Migration } from "../storage/Migration.js";

/** Schema steps of the project capability; ids start with "project-". Append only. */
export const projectMigrations: Migration[] = [
  {
    id: "project-001-recent",
    up(db) {
      db.exec(`CREATE TABLE project_recent (
        root TEXT PRIMARY KEY,
        out_dir TEXT NOT NULL,
        analyzed_at INTEGER NOT NULL
      )`);
    },
  },
];
