import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Migration } from "./Migration.js";
import { openDatabase } from "./openDatabase.js";

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-db-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const m1: Migration = { id: "t-001", up: (db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") };
const m2: Migration = { id: "t-002", up: (db) => db.exec("ALTER TABLE notes ADD COLUMN tag TEXT") };
const failing: Migration = {
  id: "t-003",
  up: (db) => {
    db.exec("CREATE TABLE half (x)");
    throw new Error("boom");
  },
};

describe("openDatabase", () => {
  it("creates a WAL database and applies migrations from empty", async () => {
    const file = path.join(tmp(), "app.db");
    const { db, readOnly, notices } = await openDatabase({ file, migrations: [m1, m2] });
    expect(readOnly).toBe(false);
    expect(notices).toEqual([]);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.prepare("INSERT INTO notes (body, tag) VALUES (?, ?)").run("hi", "x");
    const ids = (db.prepare("SELECT id FROM schema_migrations").all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toEqual(["t-001", "t-002"]);
    db.close();
  });

  it("backs up before migrating an existing database and keeps data", async () => {
    const dir = tmp();
    const file = path.join(dir, "app.db");
    const a = await openDatabase({ file, migrations: [m1] });
    a.db.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    a.db.close();
    const b = await openDatabase({ file, migrations: [m1, m2] });
    expect(b.db.prepare("SELECT body FROM notes").pluck().get()).toBe("kept");
    const backups = fs.readdirSync(path.join(dir, "backups"));
    expect(backups).toHaveLength(1);
    const bak = new Database(path.join(dir, "backups", backups[0]!), { readonly: true });
    expect(bak.prepare("SELECT body FROM notes").pluck().get()).toBe("kept");
    bak.close();
    b.db.close();
  });

  it("rolls back a failing migration as a whole", async () => {
    const file = path.join(tmp(), "app.db");
    await expect(openDatabase({ file, migrations: [m1, failing] })).rejects.toThrow("boom");
    const db = new Database(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare("SELECT id FROM schema_migrations").pluck().all()).toEqual(["t-001"]);
    db.close();
  });

  it("quarantines a corrupt file and starts fresh, telling the user", async () => {
    const dir = tmp();
    const file = path.join(dir, "app.db");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("this is not sqlite at all"), Buffer.alloc(8192, 7)]));
    const { db, notices, readOnly } = await openDatabase({ file, migrations: [m1] });
    expect(readOnly).toBe(false);
    expect(notices.join(" ")).toMatch(/unreadable/);
    expect(notices.join(" ")).toMatch(/fresh database/);
    const all = fs.readdirSync(path.join(dir, "quarantine"));
    const q = all.filter((f) => !f.endsWith(".reason.json"));
    expect(q).toHaveLength(1);
    expect(all).toContain(`${q[0]}.reason.json`);
    expect(fs.readFileSync(path.join(dir, "quarantine", q[0]!)).subarray(0, 10).toString()).toBe("this is no");
    db.prepare("INSERT INTO notes (body) VALUES ('works')").run();
    db.close();
  });

  it("restores the newest backup when the database is corrupt", async () => {
    const dir = tmp();
    const file = path.join(dir, "app.db");
    const a = await openDatabase({ file, migrations: [m1] });
    a.db.prepare("INSERT INTO notes (body) VALUES ('from-backup')").run();
    a.db.close();
    (await openDatabase({ file, migrations: [m1, m2] })).db.close(); // makes a backup
    // Corrupt the page area while keeping the header, the way a torn disk write would.
    const buf = fs.readFileSync(file);
    for (let i = 100; i < buf.length; i++) buf[i] = 0xff;
    fs.writeFileSync(file, buf);
    fs.rmSync(`${file}-wal`, { force: true });
    const { db, notices } = await openDatabase({ file, migrations: [m1, m2] });
    expect(notices.join(" ")).toMatch(/Restored the database from backup/);
    expect(db.prepare("SELECT body FROM notes").pluck().get()).toBe("from-backup");
    db.close();
  });

  it("opens a database from a newer version read-only", async () => {
    const file = path.join(tmp(), "app.db");
    (await openDatabase({ file, migrations: [m1, m2] })).db.close();
    const { db, readOnly, notices } = await openDatabase({ file, migrations: [m1] });
    expect(readOnly).toBe(true);
    expect(notices.join(" ")).toMatch(/newer CodeConductor.*t-002/);
    expect(db.prepare("SELECT count(*) FROM notes").pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO notes (body) VALUES ('x')").run()).toThrow(/readonly/i);
    db.close();
  });
});
