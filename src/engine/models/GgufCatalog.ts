import fs from "node:fs";
import type { ModelInfo } from "../inference/types.js";
import { discoverModelFiles } from "./discovery/discoverModelFiles.js";
import type { ModelStores } from "./discovery/modelStores.js";
import { readGgufMeta, type GgufMeta } from "./gguf/readGgufMeta.js";

export interface GgufCatalogOptions {
  /** Configured folders (models.dirs + the pull folder). */
  dirs: string[];
  /** Usual stores to search; null when discovery is off. */
  stores: ModelStores | null;
  /** Embedded context size, tokens (for memory estimates). */
  contextSize: number;
}

/**
 * The embedded models on disk: discovery plus header metadata, cached per file (size + mtime), so a
 * refresh only re-reads files that changed.
 */
export class GgufCatalog {
  private readonly cache = new Map<string, { stamp: string; meta: GgufMeta }>();

  constructor(private readonly options: GgufCatalogOptions) {}

  async list(signal?: AbortSignal): Promise<ModelInfo[]> {
    const files = await discoverModelFiles(this.options.dirs, this.options.stores);
    const names = new Map<string, number>();
    return Promise.all(
      files.map(async (f) => {
        const n = (names.get(f.name) ?? 0) + 1;
        names.set(f.name, n);
        const name = n === 1 ? f.name : `${f.name}~${n}`;
        const meta = await this.meta(f.path, signal);
        const info: ModelInfo = {
          id: `embedded:local/${name}`,
          backend: "embedded",
          provider: "local",
          name,
          status: meta.problem ? "unavailable" : "available",
          sizeBytes: meta.sizeBytes,
          quantization: meta.quantization,
          contextLength: meta.contextLength,
          parameterCount: meta.parameterCount,
          architecture: meta.architecture,
          path: f.path,
          memoryEstimateBytes: meta.memoryEstimateBytes,
          source: f.source,
          hasChatTemplate: meta.hasChatTemplate,
          ...(meta.problem ? { problem: meta.problem } : {}),
        };
        return info;
      }),
    );
  }

  private async meta(file: string, signal?: AbortSignal): Promise<GgufMeta> {
    let stamp = "missing";
    try {
      const st = await fs.promises.stat(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      return { sizeBytes: 0, hasChatTemplate: false, problem: "file vanished" };
    }
    const hit = this.cache.get(file);
    if (hit?.stamp === stamp) return hit.meta;
    const meta = await readGgufMeta(file, this.options.contextSize, signal).catch(
      (err: Error): GgufMeta => ({ sizeBytes: 0, hasChatTemplate: false, problem: `cannot read: ${err.message}` }),
    );
    this.cache.set(file, { stamp, meta });
    return meta;
  }
}
