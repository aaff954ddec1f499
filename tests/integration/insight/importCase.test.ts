import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importCase } from "../../../src/engine/insight/bundle/importCase.js";
import { openCase } from "../../../src/engine/insight/bundle/openCase.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { seedLoopRun } from "../../support/insight/seedLoopRun.js";
import { rawZip, type RawEntry } from "../../support/insight/rawZip.js";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-import-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file under a folder, relative. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => !d.isDirectory()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();
}

const manifest = JSON.stringify({ schema: "codeconductor.case-manifest/1", app_version: "x", run_id: "r1", kind: "conductor.loop", status: "succeeded", privacy: "public_safe", include_raw: false, schemas: { kpi: "k", manifest: "m" }, bundle_truncated: false, redactions: {}, warnings: [], files: [] });

describe("case import refuses hostile bundles and writes nothing outside the import folder", () => {
  const hostile: Array<[string, RawEntry[], RegExp]> = [
    ["a ../ name", [{ name: "manifest.json", data: manifest }, { name: "../../escaped.txt", data: "x" }], /"\.\." or "\." segment/],
    ["an absolute name", [{ name: "manifest.json", data: manifest }, { name: "/tmp/cc-abs-escape.txt", data: "x" }], /absolute name/],
    ["a backslash name", [{ name: "manifest.json", data: manifest }, { name: "..\\..\\evil.txt", data: "x" }], /backslash/],
    ["a drive letter", [{ name: "manifest.json", data: manifest }, { name: "C:evil.txt", data: "x" }], /drive letter/],
    ["a symlink entry", [{ name: "manifest.json", data: manifest }, { name: "link", data: "/etc/passwd", mode: 0o120777 }], /symlink/],
    ["duplicate entries", [{ name: "manifest.json", data: manifest }, { name: "a.txt", data: "1" }, { name: "a.txt", data: "2" }], /duplicate/],
    ["too many entries", [{ name: "manifest.json", data: manifest }, ...Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }))], /too many entries/],
    ["a zip bomb", [{ name: "manifest.json", data: manifest }, { name: "bomb.txt", data: Buffer.alloc(20 * 1024 * 1024) }], /compression ratio/],
    ["a size that lies", [{ name: "manifest.json", data: manifest }, { name: "liar.txt", data: Buffer.alloc(5000, 97), declaredSize: 4000 }], /declared size/],
    ["no manifest", [{ name: "a.txt", data: "x" }], /no manifest\.json/],
  ];
  it.each(hostile)("refuses %s with a reason", (_label, entries, reason) => {
    const zip = path.join(root, "in", "case.zip");
    fs.mkdirSync(path.dirname(zip), { recursive: true });
    fs.writeFileSync(zip, rawZip(entries));
    const cases = path.join(root, "data", "cases");
    expect(() => importCase(zip, cases)).toThrow(reason);
    expect(tree(path.join(root, "data"))).toEqual([]);
    expect(tree(root)).toEqual(["in/case.zip"]);
    expect(fs.existsSync("/tmp/cc-abs-escape.txt")).toBe(false);
  });
});

describe("a case whose content does not parse", () => {
  it("imports (the manifest is valid) but opening it says the case is corrupt instead of crashing", () => {
    const zip = path.join(root, "odd.zip");
    fs.writeFileSync(zip, rawZip([{ name: "manifest.json", data: manifest }, { name: "logs/run.json", data: "{not json" }]));
    const cases = path.join(root, "cases");
    const c = importCase(zip, cases);
    expect(() => openCase(cases, c.caseId)).toThrow(/cannot be read/);
  });
});

describe("case import of a real bundle", () => {
  let te: TestEngine | undefined;
  afterEach(async () => {
    await te?.dispose();
    te = undefined;
  });

  it("unpacks an exported case and opens it read-only with its timeline and KPIs", async () => {
    te = await createTestEngine();
    const { runId } = seedLoopRun(te.engine.ctx.db, { project: "/srv/calc" });
    const bundle = await te.client.call("insight.export", { runId, privacy: "team_safe" });
    const imported = await te.client.call("insight.importCase", { file: bundle.path });
    expect(imported).toMatchObject({ runId, kind: "conductor.loop", privacy: "team_safe" });
    expect(imported.dir.startsWith(path.join(te.dataDir, "cases"))).toBe(true);
    const opened = await te.client.call("insight.openCase", { caseId: imported.caseId });
    expect(opened.caseId).toBe(imported.caseId);
    expect(opened.kpis.iterations_to_green).toBe(2);
    expect(opened.timeline.some((t) => t.kind === "undo")).toBe(true);
    expect((await te.client.call("insight.cases", {})).cases.map((c) => c.caseId)).toEqual([imported.caseId]);
  });
});
