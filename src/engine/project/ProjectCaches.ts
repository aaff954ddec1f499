import path from "node:path";
import { AnalysisCache } from "./cache/AnalysisCache.js";
import { CACHE_SALT } from "./analyzeProject.js";

/** Roots whose caches stay in memory (each can be tens of MB for 10k-file repositories). */
const KEEP = 3;

/**
 * Analysis caches per project root: in memory for the engine's lifetime (LRU of 3), on disk under
 * `<dataDir>/project-cache/` so a new process (the CLI) starts incremental too. Saves are serialized
 * and awaited by `dispose`.
 */
export class ProjectCaches {
  private readonly memory = new Map<string, AnalysisCache>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  get(root: string): AnalysisCache {
    let cache = this.memory.get(root);
    if (cache) this.memory.delete(root);
    else cache = AnalysisCache.load(AnalysisCache.fileFor(this.dir, root), root, CACHE_SALT);
    this.memory.set(root, cache);
    while (this.memory.size > KEEP) this.memory.delete(this.memory.keys().next().value!);
    return cache;
  }

  /** Persist in the background, after the caller has its result. */
  saveLater(cache: AnalysisCache, onError: (e: Error) => void): void {
    this.saving = this.saving.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            try {
              cache.save(AnalysisCache.fileFor(this.dir, cache.root));
            } catch (e) {
              onError(e as Error);
            }
            resolve();
          }),
        ),
    );
  }

  forget(root: string): void {
    this.memory.delete(path.resolve(root));
  }

  async dispose(): Promise<void> {
    await this.saving;
    this.memory.clear();
  }
}
