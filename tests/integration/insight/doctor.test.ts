import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cursorChecks } from "../../../src/engine/insight/doctor/cursorChecks.js";
import { inertPorts } from "../../../src/engine/ports.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-doctor-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/cli/run.ts"), ...args], { cwd: REPO_ROOT, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("doctor cursor", () => {
  it("finds cursor-agent on PATH with its version, checks rule frontmatter and flags .cursorrules", async () => {
    const bin = path.join(root, "bin");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "cursor-agent"), "#!/bin/sh\necho 2026.01.15-abc\n", { mode: 0o755 });
    const project = path.join(root, "p");
    fs.mkdirSync(path.join(project, ".cursor", "rules"), { recursive: true });
    fs.writeFileSync(path.join(project, ".cursor", "rules", "good.mdc"), "---\ndescription: style\nglobs: src/**/*.ts\n---\nUse tabs.\n");
    fs.writeFileSync(path.join(project, ".cursor", "rules", "bad.mdc"), "Use tabs.\n");
    fs.writeFileSync(path.join(project, ".cursorrules"), "old\n");
    const ports = { ...inertPorts(root), doctor: async () => [{ id: "clipboard.watch", title: "Clipboard watching", status: "ok" as const, detail: "events (XFixes)" }] };
    const checks = await cursorChecks(ports, project, new AbortController().signal, bin);
    const by = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(by["cursor.cli"]).toMatchObject({ status: "ok", detail: expect.stringContaining("2026.01.15-abc") });
    expect(by["cursor.rules"]).toMatchObject({ status: "warn", detail: expect.stringContaining("bad.mdc: no frontmatter") });
    expect(by["cursor.cursorrules"]?.status).toBe("warn");
    expect(by["clipboard.watch"]?.status).toBe("ok");
  });

  it("says how to install cursor-agent when it is missing", async () => {
    const checks = await cursorChecks(inertPorts(root), root, new AbortController().signal, path.join(root, "empty"));
    expect(checks.find((c) => c.id === "cursor.cli")).toMatchObject({ status: "warn", fix: expect.stringContaining("cursor-agent login") });
    expect(checks.find((c) => c.id === "cursor.rules")?.status).toBe("warn");
  });
});

describe("doctor --real", { timeout: 600_000 }, () => {
  it("loads a real (synthesized) model and reports load time, TTFT and tokens/s", async () => {
    const models = path.join(root, "models");
    fs.mkdirSync(models, { recursive: true });
    writeTinyLlamaGguf(path.join(models, "tiny.gguf"), { seed: 3 });
    const dataDir = path.join(root, "data");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "config.yaml"), `models:\n  dirs: [${models}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  threads: 1\n  contextSize: 256\n  health: { intervalMs: 0 }\n`);
    const r = await cli(["doctor", "--real", "--model", "embedded:local/tiny", "--tokens", "16", "--json", "--data-dir", dataDir]);
    const out = JSON.parse(r.stdout) as { real: { loadMs: number | null; ttftMs: number | null; tokensPerSecond: number | null } };
    expect(out.real.loadMs).toBeGreaterThan(0);
    expect(out.real.ttftMs).toBeGreaterThan(0);
    expect(out.real.tokensPerSecond).toBeGreaterThan(0);
    const usage = await cli(["doctor", "--real", "--data-dir", dataDir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("needs --model");
  });
});
