import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Persona } from "../../../shared/contract/ensemble.js";
import { ScriptedGateway } from "../../../../tests/support/ensemble/ScriptedGateway.js";
import { ensembleMigrations } from "../migrations.js";
import { resourcesDir } from "../resourcesDir.js";
import { DebateStore } from "./DebateStore.js";
import { loadPersonas } from "./loadPersonas.js";
import { runDebate } from "./runDebate.js";

const persona = (id: string): Persona => ({ id, name: id.toUpperCase(), role: `the ${id}`, instructions: `Act as ${id}.` });
const userText = (req: { messages: Array<{ role: string; content: string }> }): string => req.messages.find((m) => m.role === "user")!.content;

describe("runDebate", () => {
  it("runs rounds where each agent sees the others' earlier turns", async () => {
    const gateway = new ScriptedGateway({
      a: { reply: (req) => `A speaks after ${(userText(req).match(/\[round/g) ?? []).length} turns` },
      b: { reply: (req) => `B speaks after ${(userText(req).match(/\[round/g) ?? []).length} turns` },
    });
    const d = await runDebate({
      task: "build a cache",
      agents: [persona("architect"), persona("coder")],
      modelFor: (p) => (p.id === "architect" ? "a" : "b"),
      rounds: 3,
      turnTimeoutMs: 1000,
      gateway,
      signal: new AbortController().signal,
    });
    expect(d.turns.map((t) => `${t.round}:${t.agent}:${t.content}`)).toEqual([
      "1:architect:A speaks after 0 turns",
      "1:coder:B speaks after 0 turns",
      "2:architect:A speaks after 2 turns",
      "2:coder:B speaks after 2 turns",
      "3:architect:A speaks after 4 turns",
      "3:coder:B speaks after 4 turns",
    ]);
    const round2 = gateway.requests.filter((r) => userText(r).includes("Round 2 of 3"));
    expect(round2).toHaveLength(2);
    expect(userText(round2[0]!)).toContain("[round 1] CODER: B speaks after 0 turns");
    expect(round2[0]!.messages[0]!.content).toContain("You are the ARCHITECT: the architect. Act as architect.");
  });

  it("records a turn that runs out of time with what it said so far, and goes on", async () => {
    const gateway = new ScriptedGateway({
      fast: { reply: "short and done" },
      slow: { reply: "x".repeat(400), chunkChars: 10, chunkDelayMs: 25 },
    });
    const d = await runDebate({
      task: "t",
      agents: [persona("fast"), persona("slow")],
      modelFor: (p) => p.id,
      rounds: 2,
      turnTimeoutMs: 150,
      gateway,
      signal: new AbortController().signal,
    });
    const slow = d.turns.filter((t) => t.agent === "slow");
    expect(slow.map((t) => t.status)).toEqual(["timeout", "timeout"]);
    expect(slow[0]!.content.length).toBeGreaterThan(0);
    expect(slow[0]!.content.length).toBeLessThan(400);
    expect(slow[0]!.error).toBe("no complete turn within 0.15 s");
    expect(d.turns.filter((t) => t.agent === "fast").map((t) => t.status)).toEqual(["ok", "ok"]);
  });

  it("throws cancelled when the run is cancelled mid-debate", async () => {
    const controller = new AbortController();
    const gateway = new ScriptedGateway({ a: { hang: true } });
    setTimeout(() => controller.abort(), 30);
    await expect(
      runDebate({ task: "t", agents: [persona("a")], modelFor: () => "a", rounds: 2, turnTimeoutMs: 5000, gateway, signal: controller.signal }),
    ).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("DebateStore", () => {
  it("persists turns per run in debate order", () => {
    const db = new Database(":memory:");
    for (const m of ensembleMigrations) m.up(db);
    const store = new DebateStore(db, false);
    store.save("r1", { round: 1, agent: "tester", modelId: "m", status: "ok", content: "one", elapsedMs: 5 });
    store.save("r1", { round: 1, agent: "architect", modelId: "m", status: "timeout", content: "", error: "late", elapsedMs: 9.6 });
    store.save("r2", { round: 1, agent: "coder", modelId: "m", status: "ok", content: "other run", elapsedMs: 1 });
    expect(store.list("r1")).toEqual([
      { round: 1, agent: "tester", modelId: "m", status: "ok", content: "one", elapsedMs: 5 },
      { round: 1, agent: "architect", modelId: "m", status: "timeout", content: "", error: "late", elapsedMs: 10 },
    ]);
    new DebateStore(db, true).save("r3", { round: 1, agent: "a", modelId: "m", status: "ok", content: "", elapsedMs: 1 });
    expect(store.list("r3")).toEqual([]);
    db.close();
  });
});

describe("loadPersonas", () => {
  it("ships the ten default personas", () => {
    const ids = loadPersonas([path.join(resourcesDir(), "personas.yaml")]).map((p) => p.id);
    expect(ids).toEqual(["architect", "coder", "tester", "reviewer", "bug_hunter", "perf_tweaker", "security_auditor", "sql_sage", "api_wrangler", "refactorist"]);
  });

  it("lets a user file override and add personas, and names the bad key of a broken file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-personas-"));
    const mine = path.join(dir, "mine.yaml");
    fs.writeFileSync(mine, "personas:\n  - id: coder\n    role: writes Rust only\n    instructions: Use Rust.\n  - id: data_nerd\n    role: data\n    instructions: Think in tables.\n");
    const all = loadPersonas([path.join(resourcesDir(), "personas.yaml"), mine]);
    expect(all.find((p) => p.id === "coder")).toMatchObject({ name: "Coder", role: "writes Rust only" });
    expect(all.find((p) => p.id === "data_nerd")).toMatchObject({ name: "Data Nerd" });
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, "personas:\n  critic:\n    role: critic\n");
    expect(() => loadPersonas([bad])).toThrow(/bad\.yaml is not valid: .*personas/);
    expect(() => loadPersonas([path.join(dir, "missing.yaml")])).toThrow(expect.objectContaining({ code: "not_found" }));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
