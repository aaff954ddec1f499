import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/engine/storage/openDatabase.js";
import { createTestEngine } from "../../support/createTestEngine.js";

// A database another process keeps locked is in use, not corrupt: it must never be quarantined. A really corrupt
// one is quarantined, and doctor says so (with the old file's path) until the user deals with it.

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-lock-"));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Another process that opens the database and holds an exclusive lock until killed. */
async function holdExclusiveLock(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (x); INSERT INTO held VALUES (1);");
    process.stdout.write("LOCKED\\n");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  cleanups.push(() => child.kill("SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("LOCKED") && resolve());
    child.once("exit", (c) => reject(new Error(`lock holder exited ${c}`)));
  });
  return child;
}

describe("a locked database", () => {
  it("gives 'database is in use by another process' after retrying, and quarantines nothing", async () => {
    const dir = tmp();
    const file = path.join(dir, "app.db");
    (await openDatabase({ file, migrations: [] })).db.close();
    await holdExclusiveLock(file);
    const started = Date.now();
    await expect(openDatabase({ file, migrations: [], busyTimeoutMs: 200, busyAttempts: 3 })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/database is in use by another process/),
    });
    // It did retry (three waits of 200 ms), and the file is where it was.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 200);
    expect(fs.existsSync(path.join(dir, "quarantine"))).toBe(false);
    expect(fs.existsSync(file)).toBe(true);
  });

  it("opens normally once the other process lets go", async () => {
    const dir = tmp();
    const file = path.join(dir, "app.db");
    const first = await openDatabase({ file, migrations: [] });
    first.db.exec("CREATE TABLE kept (x); INSERT INTO kept VALUES (42);");
    first.db.close();
    const holder = await holdExclusiveLock(file);
    setTimeout(() => holder.kill("SIGKILL"), 300);
    const { db, notices } = await openDatabase({ file, migrations: [], busyTimeoutMs: 500, busyAttempts: 5 });
    expect(notices).toEqual([]);
    expect(db.prepare("SELECT x FROM kept").pluck().get()).toBe(42);
    expect(fs.existsSync(path.join(dir, "quarantine"))).toBe(false);
    db.close();
  });
});

describe("after a real quarantine", () => {
  it("doctor and a notice say what happened and where the old file is", async () => {
    const dataDir = tmp();
    fs.writeFileSync(path.join(dataDir, "codeconductor.db"), Buffer.concat([Buffer.from("not sqlite"), Buffer.alloc(8192, 7)]));
    const te = await createTestEngine({ dataDir });
    cleanups.push(() => void te.dispose());
    const q = fs.readdirSync(path.join(dataDir, "quarantine")).filter((f) => !f.endsWith(".json"));
    expect(q).toHaveLength(1);
    const movedTo = path.join(dataDir, "quarantine", q[0]!);
    const { notices } = await te.client.call("system.notices", {});
    expect(notices.some((n) => n.message?.includes(movedTo))).toBe(true);
    const { checks } = await te.client.call("system.doctor", {});
    const check = checks.find((c) => c.id === "database-quarantine");
    expect(check?.status).toBe("warn");
    expect(check?.detail).toContain(movedTo);
    expect(check?.detail).toMatch(/unreadable/);
    // Once the user deletes the old file, doctor stops warning.
    fs.rmSync(movedTo);
    expect((await te.client.call("system.doctor", {})).checks.find((c) => c.id === "database-quarantine")).toBeUndefined();
  });
});
