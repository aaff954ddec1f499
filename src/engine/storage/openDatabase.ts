import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { Migration } from "./Migration.js";

export interface OpenDatabaseOptions {
  file: string;
  migrations: Migration[];
  /** Where pre-migration backups go. Defaults to `<dir of file>/backups`. */
  backupsDir?: string;
  /** Where corrupt files are moved. Defaults to `<dir of file>/quarantine`. */
  quarantineDir?: string;
  /** Backups kept per database. Defaults to `5`. */
  keepBackups?: number;
  /** How long SQLite waits for another process's lock per attempt, ms. Defaults to `5000`. */
  busyTimeoutMs?: number;
  /** Attempts while the database is locked by another process. Defaults to `3`. */
  busyAttempts?: number;
}

/** A record beside each quarantined file (`<name>.reason.json`), read by doctor. */
export interface QuarantineRecord {
  at: string;
  file: string;
  movedTo: string;
  reason: string;
}

export interface OpenedDatabase {
  db: Database.Database;
  readOnly: boolean;
  /** What the user should be told (quarantine, restore, read-only). */
  notices: string[];
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, "-");

function sidecars(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/** Throws when the file is not a healthy SQLite database. */
function checkHealthy(db: Database.Database): void {
  const rows = db.pragma("quick_check") as Array<{ quick_check: string }>;
  const bad = rows.filter((r) => r.quick_check !== "ok");
  if (bad.length > 0) throw new Error(`quick_check: ${bad.map((r) => r.quick_check).join("; ")}`);
}

/** SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock — the file is fine. */
function isBusy(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? "");
  return /^SQLITE_(BUSY|LOCKED)/.test(code) || /database (table )?is locked/i.test((err as Error).message ?? "");
}

function tryOpen(file: string, busyTimeoutMs = 5000): Database.Database {
  const db = new Database(file);
  try {
    // First, so that the pragmas below wait for a lock instead of failing at once.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    checkHealthy(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function newestBackup(dir: string, base: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`) && f.endsWith(".bak"))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f))[0];
}

function applied(db: Database.Database): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  return (db.prepare("SELECT id FROM schema_migrations ORDER BY rowid").all() as Array<{ id: string }>).map((r) => r.id);
}


/**
 * Open (or create) the app database: WAL, busy timeout, quick_check, versioned migrations with a backup
 * first. A corrupt file is quarantined and the newest healthy backup (or a fresh database) is used; a
 * database from a newer version opens read-only. Never throws for a bad file — only for an unusable folder, or
 * (`conflict`) when another process keeps the database locked: a locked file is never quarantined.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const { file, migrations } = options;
  const dir = path.dirname(file);
  const base = path.basename(file);
  const backupsDir = options.backupsDir ?? path.join(dir, "backups");
  const quarantineDir = options.quarantineDir ?? path.join(dir, "quarantine");
  const notices: string[] = [];
  fs.mkdirSync(dir, { recursive: true });

  let db: Database.Database;
  try {
    db = await openWhenFree(file, options.busyTimeoutMs ?? 5000, options.busyAttempts ?? 3);
  } catch (err) {
    if (err instanceof AppError) throw err;
    fs.mkdirSync(quarantineDir, { recursive: true });
    const dest = path.join(quarantineDir, `${base}.${stamp()}`);
    for (const f of sidecars(file)) if (fs.existsSync(f)) fs.renameSync(f, f.replace(file, dest));
    const record: QuarantineRecord = { at: new Date().toISOString(), file, movedTo: dest, reason: (err as Error).message };
    fs.writeFileSync(`${dest}.reason.json`, JSON.stringify(record, null, 2));
    notices.push(`Database ${file} was unreadable (${(err as Error).message}); moved to ${dest}. History, consents and test pins from it are not in use; codeconductor doctor shows this until you delete the quarantined file.`);
    db = restoreOrFresh(file, backupsDir, base, notices);
  }

  const known = new Set(migrations.map((m) => m.id));
  const done = applied(db);
  const unknown = done.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    db.close();
    notices.push(
      `Database ${file} was written by a newer CodeConductor (unknown migrations: ${unknown.join(", ")}); opened read-only. Update the app to write to it.`,
    );
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    ro.pragma("busy_timeout = 5000");
    return { db: ro, readOnly: true, notices };
  }

  const pending = migrations.filter((m) => !done.includes(m.id));
  if (pending.length > 0 && done.length > 0) {
    fs.mkdirSync(backupsDir, { recursive: true });
    const dest = path.join(backupsDir, `${base}.${stamp()}.bak`);
    await db.backup(dest);
    pruneBackups(backupsDir, base, options.keepBackups ?? 5);
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, Date.now());
    })();
  }
  return { db, readOnly: false, notices };
}

/**
 * Open, retrying while another process holds the lock. A locked database is never corrupt: after the last attempt
 * this throws `conflict` ("database is in use by another process") and leaves the file alone.
 */
async function openWhenFree(file: string, busyTimeoutMs: number, attempts: number): Promise<Database.Database> {
  for (let i = 1; ; i++) {
    try {
      return tryOpen(file, busyTimeoutMs);
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (i >= attempts) {
        throw new AppError(ErrorCode.Conflict, `The database is in use by another process (${file} stayed locked for ${Math.round((attempts * busyTimeoutMs) / 1000)} s). Close the other CodeConductor or program using it and try again.`, { cause: err, details: { file } });
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, busyTimeoutMs)));
    }
  }
}

function restoreOrFresh(file: string, backupsDir: string, base: string, notices: string[]): Database.Database {
  const backup = newestBackup(backupsDir, base);
  if (backup) {
    try {
      fs.copyFileSync(backup, file);
      const db = tryOpen(file);
      notices.push(`Restored the database from backup ${backup}; changes after that backup are in the quarantined file.`);
      return db;
    } catch (e) {
      for (const f of sidecars(file)) fs.rmSync(f, { force: true });
      notices.push(`Backup ${backup} was unusable too (${(e as Error).message}).`);
    }
  }
  notices.push("Started with a fresh database.");
  return tryOpen(file);
}

function pruneBackups(dir: string, base: string, keep: number): void {
  const all = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`) && f.endsWith(".bak"))
    .sort();
  for (const f of all.slice(0, Math.max(0, all.length - keep))) fs.rmSync(path.join(dir, f), { force: true });
}

