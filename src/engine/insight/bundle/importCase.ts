import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { CaseManifest, type ImportedCase } from "../../../shared/contract/insight.js";
import { readZip, type ZipLimits } from "../zip/readZip.js";

/** Limits for bundles from elsewhere: ours stay far below them. */
export const IMPORT_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };
const MAX_ZIP_BYTES = 100 * 1024 * 1024;

/**
 * Validate a case bundle and unpack it under `casesDir/<caseId>/` for read-only viewing. Every entry is
 * checked before anything is written (see readZip); each target path is re-checked to lie inside the case
 * folder; a refused bundle leaves nothing behind and the error says why.
 */
export function importCase(file: string, casesDir: string, limits: ZipLimits = IMPORT_LIMITS): ImportedCase {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new AppError(ErrorCode.NotFound, `No such file: ${file}`);
  }
  if (!st.isFile()) throw new AppError(ErrorCode.InvalidInput, `Not a file: ${file}`);
  if (st.size > MAX_ZIP_BYTES) throw new AppError(ErrorCode.InvalidInput, `Refused bundle: larger than ${MAX_ZIP_BYTES} bytes`);
  const buf = fs.readFileSync(file);
  const { entries } = readZip(buf, limits);
  const manifestEntry = entries.find((e) => e.name === "manifest.json");
  if (!manifestEntry) throw new AppError(ErrorCode.InvalidInput, "Refused bundle: no manifest.json (not a CodeConductor case)");
  let manifest: CaseManifest;
  try {
    manifest = CaseManifest.parse(JSON.parse(manifestEntry.data.toString("utf8")));
  } catch (e) {
    throw new AppError(ErrorCode.InvalidInput, `Refused bundle: manifest.json does not match the schema (${(e as Error).message.slice(0, 300)})`);
  }
  const caseId = crypto.createHash("sha256").update(buf).digest("hex").slice(0, 16);
  const root = path.resolve(casesDir);
  const dir = path.join(root, caseId);
  const staging = path.join(root, `.staging-${caseId}-${process.pid}`);
  fs.mkdirSync(root, { recursive: true });
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const e of entries) {
      const target = path.resolve(staging, e.name);
      if (!target.startsWith(staging + path.sep)) throw new AppError(ErrorCode.InvalidInput, `Refused bundle: "${e.name}" would be written outside the import folder`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, e.data, { flag: "wx", mode: 0o644 });
    }
    const meta: ImportedCase = { caseId, dir, runId: manifest.run_id, kind: manifest.kind, privacy: manifest.privacy, importedAt: Date.now() };
    fs.writeFileSync(path.join(staging, ".imported.json"), JSON.stringify(meta));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    return meta;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
