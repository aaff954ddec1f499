import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { CaseManifest, ConsensusFile, KPI_SCHEMA_ID, MANIFEST_SCHEMA_ID, Privacy, RunKpis, SelectorDecisionFile, type ExportResult } from "../../../shared/contract/insight.js";
import type { Config } from "../../config/ConfigSchema.js";
import { computeRunKpis } from "../computeRunKpis.js";
import { loadRunRecord } from "../loadRunRecord.js";
import type { Redactor } from "../redact/Redactor.js";
import { readZip } from "../zip/readZip.js";
import { writeZip } from "../zip/writeZip.js";
import { assembleCase } from "./assembleCase.js";
import { caseReadme } from "./caseReadme.js";
import { listBundles, pruneBundles } from "./exportRetention.js";
import { withRunLock } from "./withRunLock.js";

export interface ExportCaseOptions {
  db: Database.Database;
  config: Config;
  digest: string;
  appVersion: string;
  runId: string;
  /** Any string: unknown levels fall back to public_safe with a manifest warning. */
  privacy: string;
  includeRaw: boolean;
  outDir: string;
  keep: number;
  maxFileBytes: number;
  redactor: Redactor;
  /** Re-scans the finished zip. Defaults to `redactor` (the same rules). */
  scanner?: Redactor;
}

const sha256 = (b: Buffer): string => crypto.createHash("sha256").update(b).digest("hex");
const lf = (s: string): string => s.replace(/\r\n?/g, "\n");

/** Cut a file over the cap to `<name>_TRUNCATED.txt` (UTF-8 safe), saying how much was kept. */
function capFile(name: string, text: string, max: number): { name: string; text: string; truncated: boolean } {
  const bytes = Buffer.byteLength(text);
  if (bytes <= max) return { name, text, truncated: false };
  const head = Buffer.from(text).subarray(0, max).toString("utf8").replace(/\uFFFD$/, "");
  return { name: `${name}_TRUNCATED.txt`, text: `${head}\n[truncated: kept ${max} of ${bytes} bytes]\n`, truncated: true };
}

async function redactedFiles(o: ExportCaseOptions, privacy: Privacy, warnings: string[]): Promise<Map<string, { text: string; truncated: boolean }>> {
  const rec = loadRunRecord(o.db, o.runId);
  if (!rec) throw new AppError(ErrorCode.NotFound, `No run ${o.runId}`);
  if (rec.run.status === "running") warnings.push("the run was still running when exported: the bundle shows it so far");
  const kpis = RunKpis.parse(computeRunKpis(rec, o.config, o.digest));
  const raw = assembleCase(rec, kpis, privacy, o.includeRaw);
  if (o.includeRaw && privacy !== "full_internal") warnings.push(`--include-raw ignored: raw outputs need privacy full_internal (this is ${privacy})`);
  const out = new Map<string, { text: string; truncated: boolean }>();
  for (const [name, file] of raw) {
    const red = lf(
      "text" in file
        ? await o.redactor.redact(file.text, name)
        : "json" in file
          ? `${JSON.stringify(await o.redactor.redactValue(file.json, name), null, 2)}\n`
          : `${(await o.redactor.redactValue(file.jsonl, name) as unknown[]).map((e) => JSON.stringify(e)).join("\n")}\n`,
    );
    const capped = capFile(name, red, o.maxFileBytes);
    out.set(capped.name, { text: capped.text, truncated: capped.truncated });
  }
  ConsensusFile.parse(JSON.parse(out.get("consensus.json")!.text));
  SelectorDecisionFile.parse(JSON.parse(out.get("selector_decision.json")!.text));
  const kpiOut = out.get("kpi.json");
  if (kpiOut && !kpiOut.truncated) RunKpis.parse(JSON.parse(kpiOut.text));
  const readme = caseReadme(kpis, privacy, o.includeRaw, [...out.keys(), "README_case.md", "manifest.json"].sort());
  out.set("README_case.md", { text: lf(await o.redactor.redact(readme, "README_case.md")), truncated: false });
  return out;
}

/** Every secret-shaped thing left in the finished zip: names, contents, comment. Empty when clean. */
async function rescan(zip: Buffer, redactor: Redactor): Promise<Array<{ file: string; rule: string }>> {
  const { entries, comment } = readZip(zip, { maxEntries: 100_000, maxTotalBytes: 4 * 1024 * 1024 * 1024, maxRatio: 1_000_000 });
  const found: Array<{ file: string; rule: string }> = [];
  for (const f of await redactor.scan(comment, "comment.txt")) found.push({ file: "(zip comment)", rule: f.rule });
  for (const e of entries) {
    for (const f of await redactor.scan(e.name, "name.txt")) found.push({ file: `(name) ${e.name}`, rule: f.rule });
    for (const f of await redactor.scan(e.data.toString("utf8"), path.posix.basename(e.name))) found.push({ file: e.name, rule: f.rule });
  }
  return found;
}

/**
 * Export a run as `codeconductor_case_<run_id>.zip`: assemble by privacy level, redact every file, cap sizes,
 * validate against the schemas, write a deterministic zip, re-scan it and keep it only when clean
 * (fails closed: nothing is left behind otherwise), then keep the newest `keep` bundles.
 */
export async function exportCase(o: ExportCaseOptions): Promise<ExportResult> {
  const warnings: string[] = [];
  const parsed = Privacy.safeParse(o.privacy);
  const privacy: Privacy = parsed.success ? parsed.data : "public_safe";
  if (!parsed.success) warnings.push(`unknown privacy level "${o.privacy}": used public_safe`);
  fs.mkdirSync(o.outDir, { recursive: true });
  return withRunLock(o.outDir, o.runId, async () => {
    const files = await redactedFiles(o, privacy, warnings);
    const rec = loadRunRecord(o.db, o.runId)!;
    const list = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, f]) => ({ name, data: Buffer.from(f.text, "utf8"), truncated: f.truncated }));
    const manifest = CaseManifest.parse({
      schema: MANIFEST_SCHEMA_ID,
      app_version: o.appVersion,
      run_id: o.runId,
      kind: rec.run.kind,
      status: rec.run.status,
      privacy,
      include_raw: o.includeRaw && privacy === "full_internal",
      schemas: { kpi: KPI_SCHEMA_ID, manifest: MANIFEST_SCHEMA_ID },
      bundle_truncated: list.some((f) => f.truncated),
      redactions: Object.fromEntries(Object.entries(o.redactor.counts).sort(([a], [b]) => (a < b ? -1 : 1))),
      warnings,
      files: list.map((f) => ({ path: f.name, bytes: f.data.length, sha256: sha256(f.data), truncated: f.truncated })),
    });
    const entries = [...list, { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];
    const zip = writeZip(entries, `codeconductor case run=${o.runId} privacy=${privacy} schemas=${KPI_SCHEMA_ID},${MANIFEST_SCHEMA_ID}`);
    const final = path.join(o.outDir, `codeconductor_case_${o.runId}.zip`);
    const tmp = `${final}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, zip);
    try {
      const found = await rescan(fs.readFileSync(tmp), o.scanner ?? o.redactor);
      if (found.length) {
        throw new AppError(ErrorCode.Forbidden, `Export stopped: the re-scan of the finished bundle found ${found.length} secret-shaped value(s) (${[...new Set(found.map((f) => `${f.rule} in ${f.file}`))].slice(0, 5).join("; ")}). No bundle was written.`, { details: { found } });
      }
      const newest = listBundles(o.outDir)[0]?.mtime ?? 0;
      fs.renameSync(tmp, final);
      // Newest-first retention sorts by mtime: make sure this one is strictly the newest.
      const t = Math.max(Date.now(), newest + 1) / 1000;
      fs.utimesSync(final, t, t);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    pruneBundles(o.outDir, o.keep);
    return { path: final, sha256: sha256(zip), privacy, files: entries.map((e) => e.name).sort(), verified: true as const, warnings };
  });
}
