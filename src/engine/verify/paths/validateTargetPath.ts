import fs from "node:fs";
import path from "node:path";
import { isInside } from "./isInside.js";
import { CONTROL_CHARS, INVISIBLE_CHARS, WINDOWS_FORBIDDEN, WINDOWS_RESERVED } from "./pathRules.js";
import type { Ignore } from "ignore";

export interface PathCheck {
  /** Normalized project-relative path (forward slashes); empty when unusable. */
  rel: string;
  /** Absolute path under the project's real path; empty when rejected. */
  abs: string;
  /** Why the path can never be written. Empty when writable. */
  rejected: string[];
  /** Why a separate explicit confirmation is needed (deny-list). */
  protectedBy: string[];
  /** Non-blocking warnings ("runs code during tests"). */
  flags: string[];
  /** Whether a regular file exists there now. */
  exists: boolean;
}

export interface PathRules {
  protectedMatcher: Ignore;
  executesMatcher: Ignore;
}

/**
 * Check a target path proposed by a model or the clipboard before anything is written. Rejects absolute paths,
 * drive/UNC prefixes, `~`, `..` (either separator), percent-encoded dots/slashes, control and bidi characters,
 * Windows-reserved names, non-NFC names and NFC/NFD twins, symlinked targets, and anything whose deepest existing
 * ancestor resolves (realpath) outside the project.
 */
export function validateTargetPath(projectRoot: string, raw: string, rules: PathRules): PathCheck {
  const out: PathCheck = { rel: "", abs: "", rejected: [], protectedBy: [], flags: [], exists: false };
  const lexical = lexicalProblems(raw);
  if (lexical.length) {
    out.rejected.push(...lexical);
    return out;
  }
  const rel = raw.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+/g, "/").replace(/\/$/, "");
  out.rel = rel;
  const segments = rel.split("/");
  for (const seg of segments) out.rejected.push(...segmentProblems(seg));
  if (out.rejected.length) return out;

  let root: string;
  try {
    root = fs.realpathSync(projectRoot);
  } catch (e) {
    out.rejected.push(`the project folder cannot be resolved (${(e as Error).message})`);
    return out;
  }
  out.rejected.push(...resolutionProblems(root, segments));
  if (out.rejected.length) return out;
  out.abs = path.join(root, ...segments);
  out.exists = fs.existsSync(out.abs);
  if (rules.protectedMatcher.ignores(rel)) out.protectedBy.push(`${rel} is on the protected list (VCS, shell rc, editor config, secrets)`);
  if (rules.executesMatcher.ignores(rel)) out.flags.push("runs code when tests, builds or CI run");
  return out;
}

function lexicalProblems(raw: string): string[] {
  const p: string[] = [];
  if (!raw.trim()) return ["empty path"];
  if (raw !== raw.trim()) p.push("leading or trailing whitespace");
  if (raw.length > 1024) p.push("path longer than 1024 characters");
  if (CONTROL_CHARS.test(raw)) p.push("control characters in the path");
  if (INVISIBLE_CHARS.test(raw)) p.push("bidi-override or invisible characters in the path");
  if (/%(?:2e|2f|5c|00)/i.test(raw)) p.push("percent-encoded dot, slash or NUL in the path");
  if (/^[\\/]{2}/.test(raw)) p.push("UNC/network path (\\\\server\\share)");
  else if (/^[\\/]/.test(raw)) p.push("absolute path");
  if (/^[A-Za-z]:/.test(raw)) p.push("drive-letter path (C:)");
  if (/^~/.test(raw)) p.push("home-relative path (~)");
  if (raw.normalize("NFC") !== raw) p.push("name is not in Unicode NFC form (an NFD twin of another name)");
  return p;
}

function segmentProblems(seg: string): string[] {
  const p: string[] = [];
  if (seg === "..") p.push("parent-directory segment (..)");
  else if (seg === ".") p.push("'.' segment inside the path");
  else if (seg === "") p.push("empty path segment");
  else {
    if (WINDOWS_RESERVED.test(seg)) p.push(`"${seg}" is a reserved device name on Windows`);
    if (WINDOWS_FORBIDDEN.test(seg)) p.push(`"${seg}" contains a character Windows forbids (<>:"|?*)`);
    if (/[. ]$/.test(seg)) p.push(`"${seg}" ends with a dot or space`);
    if (Buffer.byteLength(seg) > 255) p.push("a path segment is longer than 255 bytes");
  }
  return p;
}

/** Walk the existing part of the path: symlinks, non-directories, twins, and the realpath containment check. */
function resolutionProblems(root: string, segments: string[]): string[] {
  let cur = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const twin = nfcTwin(cur, seg);
    if (twin) return [twin.normalize("NFC") === seg.normalize("NFC") ? `"${seg}" has a Unicode twin "${twin}" in the same folder (NFC/NFD)` : `"${seg}" differs from the existing "${twin}" only by letter case (one file on case-insensitive file systems)`];
    const next = path.join(cur, seg);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(next);
    } catch {
      return []; // the rest does not exist yet: the deepest existing ancestor is `cur`, already inside
    }
    const last = i === segments.length - 1;
    if (st.isSymbolicLink()) {
      if (last) return ["the target is a symbolic link"];
      let real: string;
      try {
        real = fs.realpathSync(next);
      } catch {
        return [`"${segments.slice(0, i + 1).join("/")}" is a dangling symbolic link`];
      }
      if (!isInside(root, real)) return [`"${segments.slice(0, i + 1).join("/")}" resolves outside the project (${real})`];
      cur = real;
      continue;
    }
    if (last) return st.isFile() ? [] : ["the target exists and is not a regular file"];
    if (!st.isDirectory()) return [`"${segments.slice(0, i + 1).join("/")}" is not a folder`];
    cur = next;
  }
  return [];
}

function nfcTwin(dir: string, seg: string): string | null {
  const want = seg.normalize("NFC");
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  // Case-only twins too: on macOS and Windows `CALC.py` beside `calc.py` is the same file. A name that already
  // exists exactly is that file, whatever twins it has.
  const exact = names.includes(seg);
  return names.find((n) => n !== seg && (n.normalize("NFC") === want || (!exact && n.normalize("NFC").toLowerCase() === want.toLowerCase()))) ?? null;
}
