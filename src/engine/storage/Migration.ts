import type BetterSqlite3 from "better-sqlite3";

/**
 * One schema step. Ids are unique names (e.g. "core-001-runs"), applied in list order, each in a
 * transaction. Named ids let capabilities add migrations independently; a database that has applied an
 * id this build does not know comes from a newer version and opens read-only.
 */
export interface Migration {
  id: string;
  up(db: BetterSqlite3.Database): void;
}
