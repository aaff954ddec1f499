import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { applyPatch, createTwoFilesPatch } from "diff";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { ApplyPlan, Finding, ParsedAnswer, PlannedFile, ProposedFile } from "../../../shared/contract/verify.js";
import { validateTargetPath, type PathRules } from "../paths/validateTargetPath.js";
import { isTestFile } from "../testing/testFilePatterns.js";
import { sha256 } from "./sha256.js";
import { textShape, toDiffText, toFileBytes } from "./textFormat.js";

export interface PlanApplyInput {
  project: string;
  parsed: ParsedAnswer;
  rules: PathRules;
  /** Findings for the new contents (syntax, compliance, security). */
  validate?: (files: Array<{ path: string; content: string }>) => Promise<Finding[]>;
  /** Largest file content accepted, bytes. Defaults to `5_000_000`. */
  maxBytes?: number;
  /** Most files one answer may propose; more is refused as a whole before anything is read or written. Defaults to `200`. */
  maxFiles?: number;
}

/**
 * Turn proposed files into a reviewable plan: validate each path, read what is on disk, apply patches, match the
 * file's line endings/BOM, diff old against new, validate the new content and flag tests or files that execute
 * during tests. Nothing is written.
 */
export async function planApply(input: PlanApplyInput): Promise<ApplyPlan> {
  const maxFiles = input.maxFiles ?? 200;
  if (input.parsed.files.length > maxFiles) {
    throw new AppError(ErrorCode.InvalidInput, `The answer proposes ${input.parsed.files.length} files; at most ${maxFiles} are accepted per answer (verify.maxFilesPerAnswer). Nothing was written.`, {
      details: { files: input.parsed.files.length, limit: maxFiles },
    });
  }
  const seen = new Map<string, string>();
  const files = input.parsed.files.map((f) => {
    // Two names that differ only in case are one file on macOS and Windows: the second would overwrite the first.
    const key = f.path.replace(/\\/g, "/").normalize("NFC").toLowerCase();
    const first = seen.get(key);
    if (first !== undefined && first !== f.path) return caseTwin(f.path, first);
    const planned = planOne(input, f);
    if (planned.status !== "rejected") seen.set(key, f.path);
    return planned;
  });
  const toValidate = files.filter((f) => f.status !== "rejected" && f.action !== "delete" && f.action !== "none").map((f) => ({ path: f.path, content: f.newText }));
  if (input.validate && toValidate.length) {
    const findings = await input.validate(toValidate);
    for (const f of files) f.findings = findings.filter((x) => x.file === f.path);
  }
  return {
    planId: randomUUID(),
    project: input.project,
    createdAt: Date.now(),
    files,
    unmapped: input.parsed.unmapped,
    notes: input.parsed.notes,
    touchesTests: files.some((f) => f.status !== "rejected" && f.action !== "none" && isTestFile(f.path)),
  };
}

function caseTwin(rel: string, other: string): PlannedFile {
  return { path: rel, action: "none", status: "rejected", reasons: [`differs from "${other}" in this answer only by letter case (one file on case-insensitive file systems)`], flags: [], oldHash: null, newHash: null, oldText: "", newText: "", diff: "", findings: [] };
}

/** NUL bytes (or other binary data) in proposed content: the answer carried something that is not source text. */
function binaryProblem(text: string): string | null {
  if (text.includes("\u0000")) return "the new content contains NUL bytes (binary data); only text files are written";
  // eslint-disable-next-line no-control-regex
  const controls = text.slice(0, 8192).match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
  if (controls > 8 && controls / Math.min(text.length, 8192) > 0.01) return "the new content looks binary (many control bytes); only text files are written";
  return null;
}

function planOne(input: PlanApplyInput, f: ProposedFile): PlannedFile {
  const check = validateTargetPath(input.project, f.path, input.rules);
  const base: PlannedFile = { path: check.rel || f.path, action: "none", status: "ok", reasons: [], flags: [...check.flags], oldHash: null, newHash: null, oldText: "", newText: "", diff: "", findings: [] };
  const reject = (...reasons: string[]): PlannedFile => ({ ...base, status: "rejected", reasons });
  if (check.rejected.length) return reject(...check.rejected);

  const old = check.exists ? fs.readFileSync(check.abs) : null;
  const shape = old ? textShape(old) : null;
  if (shape?.binary) return reject("the existing file is binary; only text files are written");
  const oldText = old ? toDiffText(old) : "";
  let newText: string | null;
  if (f.kind === "delete") {
    if (!old) return reject("nothing to delete: the file does not exist");
    newText = null;
  } else if (f.kind === "patch") {
    const patched = applyPatch(oldText, f.patch ?? "");
    if (patched === false) return reject(old ? "the diff does not apply to the current file" : "the diff expects a file that does not exist");
    newText = patched;
  } else {
    newText = (f.content ?? "").replace(/\r\n/g, "\n");
  }
  const binary = newText === null ? null : binaryProblem(newText);
  if (binary) return reject(binary);
  const newBytes = newText === null ? null : toFileBytes(newText, shape);
  if (newBytes && newBytes.length > (input.maxBytes ?? 5_000_000)) return reject(`the new content is larger than ${input.maxBytes ?? 5_000_000} bytes`);

  const planned: PlannedFile = {
    ...base,
    action: newBytes === null ? "delete" : !old ? "create" : old.equals(newBytes) ? "none" : "modify",
    status: check.protectedBy.length ? "protected" : "ok",
    reasons: check.protectedBy,
    oldHash: old ? sha256(old) : null,
    newHash: newBytes ? sha256(newBytes) : null,
    oldText,
    newText: newText ?? "",
    diff: createTwoFilesPatch(old ? `a/${check.rel}` : "/dev/null", newBytes ? `b/${check.rel}` : "/dev/null", oldText, newText ?? ""),
  };
  if (isTestFile(check.rel) && planned.action !== "none") planned.flags.push("changes a test file: the next test run counts as tampered unless you accept it");
  if (newText !== null && looksElided(newText, oldText)) planned.flags.push("looks elided (\"... rest unchanged\"): writing it would drop code");
  return planned;
}

/** Placeholder comments models write instead of code ("// ... existing code ..."), absent from the old file. */
function looksElided(newText: string, oldText: string): boolean {
  const re = /^\s*(?:\/\/|#|\/\*|<!--)\s*\.{3}.*(?:existing|unchanged|rest of|remaining|same as)/im;
  return re.test(newText) && !re.test(oldText);
}
