import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { throwIfAborted } from "../../../shared/contract/errors.js";
import { walkRepo } from "../../project/walk/walkRepo.js";
import type { ChangedFile } from "./CodeGenerator.js";
import { GENERATOR_EXCLUDES } from "./generatorExcludes.js";

/** Largest file whose text is kept (and so can appear in a change). Larger files are fingerprinted only. */
const DEFAULT_MAX_TEXT_BYTES = 1_000_000;

interface Entry {
  /** sha256 of the bytes, or `size:mtime` for files too large to read. */
  fingerprint: string;
  /** The file's text; null when it is binary, not UTF-8 or too large. */
  text: string | null;
}

export interface SnapshotOptions {
  signal?: AbortSignal;
  /** Files above this size are not read: a change to them is reported as skipped. Defaults to 1 MB. */
  maxTextBytes?: number;
}

/** What changed since a snapshot: text changes as `ChangedFile`s, other changes by path and why they were left out. */
export interface SnapshotDiff {
  files: ChangedFile[];
  skipped: Array<{ path: string; reason: string }>;
}

// ignoreBOM keeps a BOM in the text, so `before`/`after` are the exact file contents.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The project's files at one moment (the repo walk's view: .gitignore/.ignore, vendored folders and
 * `GENERATOR_EXCLUDES` left out), so what a generator changed afterwards can be listed exactly.
 */
export class ProjectSnapshot {
  private constructor(
    readonly project: string,
    private readonly entries: Map<string, Entry>,
    private readonly maxTextBytes: number,
  ) {}

  static async take(project: string, options: SnapshotOptions = {}): Promise<ProjectSnapshot> {
    const max = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
    return new ProjectSnapshot(project, await readEntries(project, max, options.signal), max);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Created, modified and deleted files since the snapshot, sorted by path. */
  async changes(signal?: AbortSignal): Promise<SnapshotDiff> {
    const now = await readEntries(this.project, this.maxTextBytes, signal);
    const out: SnapshotDiff = { files: [], skipped: [] };
    const paths = [...new Set([...this.entries.keys(), ...now.keys()])].sort();
    for (const rel of paths) {
      const a = this.entries.get(rel);
      const b = now.get(rel);
      if (a && b && a.fingerprint === b.fingerprint) continue;
      if ((a && a.text === null) || (b && b.text === null)) {
        out.skipped.push({ path: rel, reason: "binary, not UTF-8 or larger than the text limit" });
        continue;
      }
      out.files.push({ path: rel, before: a ? a.text : null, after: b ? b.text : null });
    }
    return out;
  }
}

async function readEntries(project: string, maxTextBytes: number, signal: AbortSignal | undefined): Promise<Map<string, Entry>> {
  const { files } = await walkRepo(project, { exclude: GENERATOR_EXCLUDES, signal });
  const out = new Map<string, Entry>();
  for (let i = 0; i < files.length; i++) {
    if (i % 500 === 0) throwIfAborted(signal);
    const f = files[i]!;
    const entry = readEntry(path.join(project, f.rel), f.size, f.mtimeMs, maxTextBytes);
    if (entry) out.set(f.rel, entry);
  }
  return out;
}

function readEntry(abs: string, size: number, mtimeMs: number, maxTextBytes: number): Entry | null {
  if (size > maxTextBytes) return { fingerprint: `${size}:${mtimeMs}`, text: null };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    return null; // deleted between the walk and the read: absent
  }
  const fingerprint = createHash("sha256").update(bytes).digest("hex");
  if (bytes.includes(0)) return { fingerprint, text: null };
  try {
    return { fingerprint, text: utf8.decode(bytes) };
  } catch {
    return { fingerprint, text: null };
  }
}
