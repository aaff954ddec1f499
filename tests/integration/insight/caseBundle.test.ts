import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CaseManifest, ConsensusFile, RunKpis, SelectorDecisionFile } from "../../../src/shared/contract/index.js";
import { configDigest } from "../../../src/engine/insight/configDigest.js";
import { exportCase } from "../../../src/engine/insight/bundle/exportCase.js";
import { Redactor } from "../../../src/engine/insight/redact/Redactor.js";
import { readZip } from "../../../src/engine/insight/zip/readZip.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { CANARIES, seedLoopRun } from "../../support/insight/seedLoopRun.js";

let te: TestEngine | undefined;
afterEach(async () => {
  await te?.dispose();
  te = undefined;
});

const unzip = (file: string) => readZip(fs.readFileSync(file), { maxEntries: 10_000, maxTotalBytes: 1e9, maxRatio: 1e6 });

function everything(file: string): string {
  const { entries, comment } = unzip(file);
  return [comment, ...entries.map((e) => `${e.name}\n${e.data.toString("utf8")}`)].join("\n");
}

async function seeded(configYaml = "", env: NodeJS.ProcessEnv = {}): Promise<{ runId: string; project: string; out: string }> {
  te = await createTestEngine({ configYaml, env });
  const project = path.join(os.homedir(), "projects", "calc");
  const { runId } = seedLoopRun(te.engine.ctx.db, { project });
  return { runId, project, out: path.join(te.dataDir, "out") };
}

describe("case bundle export", () => {
  it.each(["public_safe", "team_safe", "full_internal"] as const)("leaves no planted secret or home path in a %s bundle (raw outputs included)", async (privacy) => {
    const { runId, project, out } = await seeded();
    const r = await te!.client.call("insight.export", { runId, privacy, includeRaw: true, outDir: out });
    expect(r.verified).toBe(true);
    const all = everything(r.path);
    for (const [name, canary] of Object.entries(CANARIES)) expect(all, name).not.toContain(canary);
    expect(all).not.toContain(os.homedir() + "/");
    expect(all).not.toContain(project);
    expect(all).toContain("[REDACTED:");
  });

  it("includes source beyond diffs only from team_safe up, and raw outputs only in full_internal with --include-raw", async () => {
    const { runId, out } = await seeded();
    const pub = await te!.client.call("insight.export", { runId, privacy: "public_safe", outDir: path.join(out, "p") });
    const team = await te!.client.call("insight.export", { runId, privacy: "team_safe", outDir: path.join(out, "t") });
    const full = await te!.client.call("insight.export", { runId, privacy: "full_internal", includeRaw: true, outDir: path.join(out, "f") });
    expect(pub.files.some((f) => f.startsWith("before/"))).toBe(false);
    expect(pub.files).toEqual(expect.arrayContaining(["manifest.json", "kpi.json", "consensus.json", "selector_decision.json", "README_case.md", "diffs/src__math.ts.diff", "tests/run_01.json", "logs/events.jsonl"]));
    expect(team.files).toEqual(expect.arrayContaining(["before/src__math.ts", "after/src__math.ts"]));
    for (const raw of ["FAIL at", "raw test output with"]) {
      expect(everything(team.path)).not.toContain(raw);
      expect(everything(full.path)).toContain(raw);
    }
    expect(everything(pub.path)).not.toContain("export const sub = (a, b) => a - b;\n\"");
  });

  it("writes byte-identical bundles for two exports of the same run", async () => {
    const { runId, out } = await seeded();
    const a = await te!.client.call("insight.export", { runId, privacy: "team_safe", outDir: path.join(out, "a") });
    const bytesA = fs.readFileSync(a.path);
    const b = await te!.client.call("insight.export", { runId, privacy: "team_safe", outDir: path.join(out, "b") });
    expect(fs.readFileSync(b.path).equals(bytesA)).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    expect(crypto.createHash("sha256").update(bytesA).digest("hex")).toBe(a.sha256);
    const { entries, comment } = unzip(a.path);
    expect(entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort());
    expect(comment).toContain(`run=${runId}`);
    expect(comment).toContain("privacy=team_safe");
    expect(entries.every((e) => !e.data.includes("\r\n"))).toBe(true);
  });

  it("validates manifest, kpi, consensus and selector files against the shipped schemas", async () => {
    const { runId, out } = await seeded();
    const r = await te!.client.call("insight.export", { runId, outDir: out });
    const files = new Map(unzip(r.path).entries.map((e) => [e.name, JSON.parse(e.name.endsWith(".json") ? e.data.toString("utf8") : "null") as unknown]));
    const manifest = CaseManifest.parse(files.get("manifest.json"));
    const kpi = RunKpis.parse(files.get("kpi.json"));
    ConsensusFile.parse(files.get("consensus.json"));
    SelectorDecisionFile.parse(files.get("selector_decision.json"));
    expect(kpi).toMatchObject({ first_prompt_success: false, iterations_to_green: 2, pass_rate_before: 0.5, pass_rate_after: 1, reward: 1 });
    expect(manifest.files.map((f) => f.path)).not.toContain("manifest.json");
    expect(Object.values(manifest.redactions).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("falls back to public_safe with a manifest warning for an unknown privacy level", async () => {
    const { runId, out } = await seeded();
    const r = await te!.client.call("insight.export", { runId, privacy: "everything", outDir: out });
    expect(r.privacy).toBe("public_safe");
    const manifest = CaseManifest.parse(JSON.parse(unzip(r.path).entries.find((e) => e.name === "manifest.json")!.data.toString("utf8")));
    expect(manifest.warnings.join(" ")).toMatch(/unknown privacy level "everything"/);
  });

  it("fails closed when the re-scan finds a secret the redaction missed: no zip, no temp file", async () => {
    const { runId, out } = await seeded();
    const ctx = te!.engine.ctx;
    const base = { homeDir: os.homedir(), userName: os.userInfo().username, hostName: os.hostname(), dataDir: ctx.dataDir };
    // A redactor without the JWT, entropy and secretlint rules lets the planted JWT through; the re-scan has them all.
    const lenient = new Redactor({ ...base, skipRules: ["jwt", "entropy", "secretlint", "private-key", "aws-access-key-id", "github-token", "url-password", "assigned-secret"] });
    const strict = new Redactor(base);
    const opts = { db: ctx.db, config: ctx.config, digest: configDigest(ctx.config), appVersion: "test", runId, privacy: "full_internal", includeRaw: true, outDir: out, keep: 20, maxFileBytes: 1 << 20 };
    await expect(exportCase({ ...opts, redactor: lenient, scanner: strict })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/re-scan .* found/) });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("fails closed when a secret reaches the manifest through a privacy value", async () => {
    const { runId, out } = await seeded();
    await expect(te!.client.call("insight.export", { runId, privacy: `x-${CANARIES.githubToken}`, outDir: out })).rejects.toMatchObject({ code: "forbidden" });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("cuts files over the size cap to <name>_TRUNCATED.txt and marks the bundle truncated", async () => {
    const { runId, out } = await seeded("insight:\n  export:\n    maxFileBytes: 1024\n");
    const r = await te!.client.call("insight.export", { runId, privacy: "team_safe", outDir: out });
    expect(r.files).toContain("logs/events.jsonl_TRUNCATED.txt");
    expect(r.files).not.toContain("logs/events.jsonl");
    const manifest = CaseManifest.parse(JSON.parse(unzip(r.path).entries.find((e) => e.name === "manifest.json")!.data.toString("utf8")));
    expect(manifest.bundle_truncated).toBe(true);
    expect(manifest.files.find((f) => f.path === "logs/events.jsonl_TRUNCATED.txt")?.truncated).toBe(true);
  });

  it("keeps only the latest 20 bundles", async () => {
    te = await createTestEngine();
    const ids = Array.from({ length: 23 }, (_, i) => seedLoopRun(te!.engine.ctx.db, { project: "/srv/p", startedAt: 1_700_000_000_000 + i * 1000 }).runId);
    const out = path.join(te.dataDir, "exports");
    for (const runId of ids) await te.client.call("insight.export", { runId });
    const left = fs.readdirSync(out).filter((n) => n.endsWith(".zip")).sort();
    expect(left).toHaveLength(20);
    expect(left).toEqual(ids.slice(3).map((id) => `codeconductor_case_${id}.zip`).sort());
    const listed = await te.client.call("insight.exports", {});
    expect(listed.files[0]!.path).toContain(ids.at(-1)!);
  });

  it("opens the export folder through the shell's folders port (created first), and reports a shell that cannot", async () => {
    const opened: string[] = [];
    te = await createTestEngine({ ports: { folders: { open: async (dir) => (opened.push(dir), { opened: fs.existsSync(dir) }) } } });
    const r = await te.client.call("insight.openExportsFolder", {});
    expect(r).toEqual({ dir: path.join(te.dataDir, "exports"), opened: true });
    expect(opened).toEqual([r.dir]);
    await te.dispose();
    te = await createTestEngine(); // inert ports: no file manager
    expect(await te.client.call("insight.openExportsFolder", {})).toMatchObject({ opened: false, reason: "no file manager in this shell" });
  });

  it("takes settings CLI > env > config > defaults", async () => {
    const { runId, out } = await seeded("insight:\n  export:\n    privacy: full_internal\n", { CODECONDUCTOR_EXPORT_PRIVACY: "team_safe", CODECONDUCTOR_EXPORT_DIR: "" });
    expect((await te!.client.call("insight.export", { runId, outDir: out })).privacy).toBe("team_safe");
    expect((await te!.client.call("insight.export", { runId, privacy: "public_safe", outDir: out })).privacy).toBe("public_safe");
  });

  it("refuses a second export of the same run while one holds the lock", async () => {
    const { runId, out } = await seeded();
    const [a, b] = await Promise.allSettled([te!.client.call("insight.export", { runId, outDir: out }), te!.client.call("insight.export", { runId, outDir: out })]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(((a.status === "rejected" ? a : b) as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
  });
});
