import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import { walkRepo } from "../../project/walk/walkRepo.js";
import { GENERATOR_EXCLUDES } from "./generatorExcludes.js";

/** Dependency folders linked (not copied) into the scratch copy; the sandbox shows link targets read-only. */
const LINKED_DIRS = ["node_modules", ".venv", "venv"];

/** A file a candidate writes: content, or null to delete it. */
export interface CandidateFile {
  path: string;
  content: string | null;
}

/**
 * A throw-away copy of a project for one candidate: the files the repo walk keeps (ignore rules honoured, so no
 * build output or caches), dependency folders linked to the originals. Candidate files are written into it
 * only inside it, never through a symlink. `dispose()` removes it (idempotent).
 */
export class ScratchProject {
  private disposed = false;

  private constructor(readonly dir: string) {}

  static async create(project: string, signal?: AbortSignal): Promise<ScratchProject> {
    const real = fs.realpathSync(project);
    const { files } = await walkRepo(real, { exclude: GENERATOR_EXCLUDES, signal });
    const scratch = new ScratchProject(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-candidate-"))));
    try {
      for (let i = 0; i < files.length; i++) {
        if (i % 500 === 0) throwIfAborted(signal);
        const rel = files[i]!.rel;
        fs.mkdirSync(path.dirname(path.join(scratch.dir, rel)), { recursive: true });
        fs.copyFileSync(path.join(real, rel), path.join(scratch.dir, rel));
      }
      for (const d of LINKED_DIRS) {
        const target = path.join(real, d);
        if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) fs.symlinkSync(fs.realpathSync(target), path.join(scratch.dir, d));
      }
      return scratch;
    } catch (e) {
      scratch.dispose();
      throw e;
    }
  }

  /** Write (or delete) candidate files. Throws `invalid_input` for a path outside the copy or through a symlink. */
  write(files: readonly CandidateFile[]): void {
    for (const f of files) {
      const target = this.resolve(f.path);
      if (f.content === null) fs.rmSync(target, { force: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.rmSync(target, { force: true }); // replace a file or link, never write through it
        fs.writeFileSync(target, f.content, { flag: "wx" });
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private resolve(p: string): string {
    const rel = p.replace(/\\/g, "/").replace(/^\.\//, "");
    const segs = rel.split("/");
    if (!rel || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || segs.includes("..") || segs.includes("")) {
      throw new AppError(ErrorCode.InvalidInput, `Candidate path outside the project: ${p}`);
    }
    let cur = this.dir;
    for (const seg of segs.slice(0, -1)) {
      cur = path.join(cur, seg);
      if (fs.lstatSync(cur, { throwIfNoEntry: false })?.isSymbolicLink()) throw new AppError(ErrorCode.InvalidInput, `Candidate path goes through a symlink: ${p}`);
    }
    return path.join(this.dir, ...segs);
  }
}
