import fs from "node:fs";
import { applyPatch, parsePatch } from "diff";
import type { MatchFailure, ProposedFile, ResolvedAnswer, ResolvedEdit, SearchReplaceEdit } from "../../../shared/contract/verify.js";
import { textShape, toDiffText } from "../apply/textFormat.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../paths/pathRules.js";
import { validateTargetPath, type PathRules } from "../paths/validateTargetPath.js";
import { applyEdits } from "./applyEdits.js";
import { hasLazyMarkers } from "./lazyMarkers.js";
import { mergeLazy } from "./mergeLazy.js";
import { parseAnswer } from "./parseAnswer.js";

export interface ResolveAnswerOptions {
  /** The project folder the answer's paths are relative to. */
  project: string;
  /** Protected/executes rules for reading existing files. Defaults to the shipped lists. */
  rules?: PathRules;
  /** The one file the prompt asked for: a single untagged code block maps to it. */
  expectedFile?: string;
  /** Largest existing file read for a dry run, bytes. Defaults to `5_000_000`. */
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * Read an AI answer in any supported format and dry-run every edit that needs the file on disk (SEARCH/REPLACE,
 * V4A updates, unified diffs, lazy-marker merges) against the project, so each becomes concrete new contents before
 * anything is written. Nothing is written here: `edits` go through path validation and the journaled apply
 * (`verify.plan` / `planApply`). Citations and unusable blocks are in `ignored`; edits whose dry run failed are in
 * `failures` (which block, why, how many matches, the closest lines), ready for a fix prompt. Existing files are read
 * only through `validateTargetPath`: a refused path is a `path-refused` failure and is never read.
 */
export async function resolveAnswer(text: string, options: ResolveAnswerOptions): Promise<ResolvedAnswer> {
  const rules = options.rules ?? { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };
  const parsed = parseAnswer(text, { expectedFile: options.expectedFile });
  const edits: ResolvedEdit[] = [];
  const failures: MatchFailure[] = [];
  for (const f of parsed.files) {
    options.signal?.throwIfAborted();
    const base = { path: f.path, format: f.format, source: f.source, block: f.block };
    if (f.kind === "write") edits.push({ ...base, kind: "write", content: f.content ?? "", merged: false });
    else if (f.kind === "delete") edits.push({ ...base, kind: "delete", merged: false });
    else {
      const r = resolveOne(f, options, rules);
      if ("failures" in r) failures.push(...r.failures);
      else edits.push(...r.edits);
    }
  }
  return { edits: onePerPath(edits, parsed.notes), ignored: parsed.unmapped, failures, notes: parsed.notes };
}

type One = { edits: ResolvedEdit[] } | { failures: MatchFailure[] };

function resolveOne(f: ProposedFile, o: ResolveAnswerOptions, rules: PathRules): One {
  const fail = (reason: MatchFailure["reason"], message: string, extra: Partial<MatchFailure> = {}): One => ({
    failures: [{ path: f.path, block: f.block, format: f.format, reason, message, ...extra }],
  });
  const check = validateTargetPath(o.project, f.path, rules);
  if (check.rejected.length) return fail("path-refused", `${f.path}: path refused (${check.rejected.join("; ")})`);
  let oldText: string | null = null;
  if (check.exists) {
    let bytes: Buffer;
    try {
      if (fs.statSync(check.abs).size > (o.maxBytes ?? 5_000_000)) return fail("unreadable", `${f.path} is larger than ${o.maxBytes ?? 5_000_000} bytes; edit it by hand`);
      bytes = fs.readFileSync(check.abs);
    } catch (e) {
      return fail("unreadable", `${f.path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (textShape(bytes).binary) return fail("unreadable", `${f.path} is a binary file; only text files are edited`);
    oldText = toDiffText(bytes);
  }
  const done = (content: string): One => ({ edits: [{ path: f.path, kind: "write", content, format: f.format, source: f.source, block: f.block, merged: true }] });
  if (f.kind === "patch") {
    const patched = applyPatch(oldText ?? "", f.patch ?? "");
    if (patched !== false) return done(patched);
    if (oldText === null) return fail("file-missing", `the diff for ${f.path} expects a file that does not exist`);
    // jsdiff wants exact whitespace near the stated line numbers; retry each hunk as a search/replace step (whitespace
    // tolerant, anywhere in the file, exactly once), which also reports each miss with its closest lines.
    const r = applyEdits({ ...f, kind: "edit", edits: hunksAsEdits(f.patch ?? "") }, oldText);
    return r.ok ? done(r.text) : { failures: r.failures };
  }
  if (f.kind === "merge") {
    const content = f.content ?? "";
    if (oldText === null) return fail("lazy-new-file", `${f.path} does not exist, but the block has lazy markers ("... existing code ..."): send the whole file`);
    if (!hasLazyMarkers(content, oldText)) return { edits: [{ path: f.path, kind: "write", content, format: f.format, source: f.source, block: f.block, merged: false }] };
    const m = mergeLazy(oldText, content);
    if (m.ok) return done(m.text);
    return fail(m.reason, `${f.path}: ${m.message}; send the whole file or SEARCH/REPLACE blocks instead`, { search: m.search.slice(0, 400), ...(m.matches ? { matches: m.matches } : {}) });
  }
  const r = applyEdits(f, oldText);
  if (!r.ok) return { failures: r.failures };
  if (!f.moveTo) return done(r.text);
  // A move is one edit: a refused destination must not leave the source's deletion standing.
  const dest = validateTargetPath(o.project, f.moveTo, rules);
  if (dest.rejected.length) return fail("path-refused", `${f.path} → ${f.moveTo}: destination path refused (${dest.rejected.join("; ")})`);
  return {
    edits: [
      { path: f.moveTo, kind: "write", content: r.text, format: f.format, source: f.source, block: f.block, merged: true },
      ...(oldText !== null ? [{ path: f.path, kind: "delete" as const, format: f.format, source: f.source, block: f.block, merged: false }] : []),
    ],
  };
}

function hunksAsEdits(patch: string): SearchReplaceEdit[] {
  const body = (lines: string[], drop: string): string => {
    const kept = lines.filter((l) => !l.startsWith(drop) && !l.startsWith("\\")).map((l) => l.slice(1));
    return kept.length ? `${kept.join("\n")}\n` : "";
  };
  return (parsePatch(patch)[0]?.hunks ?? []).map((h) => ({ search: body(h.lines, "+"), replace: body(h.lines, "-") }));
}

/** A move's destination may also be proposed on its own: one edit per path reaches planning (the later one). */
function onePerPath(edits: ResolvedEdit[], notes: string[]): ResolvedEdit[] {
  const byPath = new Map<string, ResolvedEdit>();
  for (const e of edits) {
    const key = e.path.replace(/^\.\//, "");
    const prev = byPath.get(key);
    if (prev) notes.push(`${key} is changed twice (blocks ${prev.block} and ${e.block}); the later one is used`);
    byPath.delete(key);
    byPath.set(key, e);
  }
  return [...byPath.values()];
}
