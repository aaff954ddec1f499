import type Database from "better-sqlite3";

/** Recently analyzed projects (table project_recent), for the UI's folder picker. */
export class RecentProjects {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  touch(root: string, outDir: string): void {
    if (this.readOnly) return;
    this.db
      .prepare("INSERT INTO project_recent (root, out_dir, analyzed_at) VALUES (?, ?, ?) ON CONFLICT(root) DO UPDATE SET out_dir = excluded.out_dir, analyzed_at = excluded.analyzed_at")
      .run(root, outDir, Date.now());
  }

  /** Newest first. */
  list(limit: number): Array<{ root: string; outDir: string; analyzedAt: number }> {
    return this.db.prepare("SELECT root, out_dir AS outDir, analyzed_at AS analyzedAt FROM project_recent ORDER BY analyzed_at DESC LIMIT ?").all(limit) as Array<{ root: string; outDir: string; analyzedAt: number }>;
  }
}
