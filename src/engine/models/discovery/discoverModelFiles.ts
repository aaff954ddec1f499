import fs from "node:fs";
import path from "node:path";
import { findGgufFiles } from "./findGgufFiles.js";
import type { ModelStores } from "./modelStores.js";
import { readOllamaStore } from "./readOllamaStore.js";

/** A GGUF file found on disk and the name it is listed under. */
export interface DiscoveredFile {
  path: string;
  name: string;
  /** "dirs", "lmstudio", "ollama-store" or "node-llama-cpp". */
  source: string;
}

/**
 * Every GGUF in the configured folders and (unless `stores` is null) the usual stores, each file once
 * (by real path; configured folders win). Names are file names without `.gguf`, or Ollama's "model:tag".
 */
export async function discoverModelFiles(dirs: string[], stores: ModelStores | null): Promise<DiscoveredFile[]> {
  const groups: Array<Promise<DiscoveredFile[]>> = dirs.map((d) => fromFolder(d, "dirs"));
  if (stores) {
    groups.push(...stores.lmstudio.map((d) => fromFolder(d, "lmstudio")));
    groups.push(...stores.nodeLlamaCpp.map((d) => fromFolder(d, "node-llama-cpp")));
    groups.push(...stores.ollama.map(async (d) => (await readOllamaStore(d)).map((m) => ({ path: m.path, name: m.name, source: "ollama-store" }))));
  }
  const seen = new Set<string>();
  const out: DiscoveredFile[] = [];
  for (const f of (await Promise.all(groups)).flat()) {
    const real = await fs.promises.realpath(f.path).catch(() => f.path);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(f);
  }
  return out;
}

async function fromFolder(dir: string, source: string): Promise<DiscoveredFile[]> {
  return (await findGgufFiles(dir)).map((p) => ({ path: p, name: path.basename(p).replace(/\.gguf$/i, ""), source }));
}
