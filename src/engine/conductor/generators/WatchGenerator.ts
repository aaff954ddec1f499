import fs from "node:fs";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import type { CodeGenerator, GeneratedCode, GeneratorRequest } from "./CodeGenerator.js";
import { GENERATOR_EXCLUDES } from "./generatorExcludes.js";
import { ProjectIgnore } from "./ProjectIgnore.js";
import { ProjectSnapshot, type SnapshotDiff } from "./ProjectSnapshot.js";

export interface WatchGeneratorOptions {
  /** Quiet period: edits count as settled after this long without a change, in ms (loop input `settleMs`). */
  settleMs: number;
  /** Give up waiting for edits after this many seconds (loop input `awaitTimeoutSec`). Omit to wait until cancelled. */
  timeoutSec?: number;
  /** Files above this size are not read (changes to them are logged, not returned). Defaults to 1 MB. */
  maxTextBytes?: number;
}

/**
 * Code arrives as edits to the project itself (Cursor's agent, any editor): snapshot at `next()`, watch with
 * chokidar (the walk's ignore rules), and once the edits have been quiet for `settleMs` return exactly what
 * changed against the snapshot. Edits that cancel out keep the wait going. `flush()` delivers what is there now.
 */
export class WatchGenerator implements CodeGenerator {
  readonly kind = "watch" as const;
  private flushNow: (() => void) | null = null;
  private flushPending = false;
  private readonly disposer = new AbortController();

  constructor(private readonly options: WatchGeneratorOptions) {
    if (!(options.settleMs >= 0)) throw new AppError(ErrorCode.InvalidInput, `settleMs must be ≥ 0 (got ${options.settleMs})`);
  }

  async next(req: GeneratorRequest): Promise<GeneratedCode> {
    if (this.disposer.signal.aborted) throw new AppError(ErrorCode.Unavailable, "The watch generator was disposed");
    const signal = AbortSignal.any([req.signal, this.disposer.signal]);
    throwIfAborted(signal);
    this.flushPending = false;
    const project = fs.realpathSync(req.project);
    const snapshot = await ProjectSnapshot.take(project, { signal, maxTextBytes: this.options.maxTextBytes });
    req.log("debug", `watch: snapshot of ${snapshot.size} files in ${project}`);
    req.onWaiting({ watch: "n/a", hint: `waiting for edits in ${project} (quiet period ${this.options.settleMs}ms)` });
    const diff = await this.waitForEdits(project, snapshot, req, signal);
    for (const s of diff.skipped) req.log("warn", `${s.path} changed but is not part of the answer: ${s.reason}`);
    return { kind: "files", source: "watch", files: diff.files };
  }

  flush(): void {
    if (this.flushNow) this.flushNow();
    else this.flushPending = true; // pressed while the snapshot is taken: honoured once the wait starts
  }

  dispose(): void {
    this.disposer.abort(new AppError(ErrorCode.Cancelled, "The watch generator was disposed"));
  }

  /** Resolves with the settled (or flushed) changes; rejects on abort or timeout. Always closes the watcher. */
  private waitForEdits(project: string, snapshot: ProjectSnapshot, req: GeneratorRequest, signal: AbortSignal): Promise<SnapshotDiff> {
    const ignore = new ProjectIgnore(project, GENERATOR_EXCLUDES);
    return new Promise<SnapshotDiff>((resolve, reject) => {
      let quiet: NodeJS.Timeout | undefined;
      let generation = 0;
      let done = false;
      const watcher: FSWatcher = watch(project, {
        ignoreInitial: true,
        followSymlinks: false,
        ignored: (p, stats) => ignore.ignores(p, stats ? stats.isDirectory() : undefined),
      });
      const timeout = this.options.timeoutSec ? setTimeout(() => finish(new AppError(ErrorCode.Timeout, `No edits settled in ${project} within ${this.options.timeoutSec} s`)), this.options.timeoutSec * 1000) : undefined;
      const finish = (result: SnapshotDiff | AppError): void => {
        if (done) return;
        done = true;
        clearTimeout(quiet);
        clearTimeout(timeout);
        signal.removeEventListener("abort", onAbort);
        this.flushNow = null;
        void watcher.close().catch(() => {});
        if (result instanceof AppError) reject(result);
        else resolve(result);
      };
      /** settle: the quiet period ended; flush: deliver now; ready: the watcher started (edits before it have no event). */
      const check = async (why: "settle" | "flush" | "ready"): Promise<void> => {
        const gen = generation;
        try {
          const diff = await snapshot.changes(signal);
          if (done || (why !== "flush" && gen !== generation)) return; // newer edits arrived meanwhile: their timer decides
          if (why === "ready") return diff.files.length ? arm() : undefined;
          if (why === "flush" || diff.files.length) return finish(diff);
          req.log("debug", diff.skipped.length ? `watch: only non-text files changed (${diff.skipped.map((s) => s.path).join(", ")}); still waiting` : "watch: the edits cancel out; still waiting");
        } catch (e) {
          finish(e instanceof AppError ? e : new AppError(ErrorCode.Internal, `Could not compare the project: ${(e as Error).message}`, { cause: e }));
        }
      };
      const arm = (): void => {
        generation++;
        clearTimeout(quiet);
        quiet = setTimeout(() => void check("settle"), this.options.settleMs);
      };
      const onAbort = (): void => finish(new AppError(ErrorCode.Cancelled, "Cancelled", { cause: signal.reason }));
      signal.addEventListener("abort", onAbort, { once: true });
      watcher.on("all", (event, p) => {
        const base = path.basename(p);
        if (base === ".gitignore" || base === ".ignore") ignore.invalidate();
        req.log("debug", `watch: ${event} ${path.relative(project, p)}`);
        arm();
      });
      watcher.on("error", (e) => req.log("warn", `watch: ${(e as Error).message}`));
      watcher.on("ready", () => void check("ready"));
      this.flushNow = () => void check("flush");
      if (this.flushPending) this.flushNow();
    });
  }
}
