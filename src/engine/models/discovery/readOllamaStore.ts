import fs from "node:fs";
import path from "node:path";

/** A model in Ollama's on-disk store, resolved to its GGUF blob. */
export interface OllamaStoreModel {
  /** As `ollama list` shows it: "llama3:8b", "user/model:tag", "host/ns/model:tag". */
  name: string;
  /** The blob file (a plain GGUF). */
  path: string;
  sizeBytes: number;
}

interface Manifest {
  layers?: Array<{ mediaType?: string; digest?: string; size?: number }>;
}

/**
 * Models in an Ollama store (`~/.ollama/models` or OLLAMA_MODELS): each manifest
 * `manifests/<host>/<namespace>/<model>/<tag>` names its weights layer
 * (`application/vnd.ollama.image.model`), stored as `blobs/sha256-<hex>`.
 */
export async function readOllamaStore(modelsDir: string): Promise<OllamaStoreModel[]> {
  const manifests = path.join(modelsDir, "manifests");
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) await walk(full, depth + 1);
      else if (e.isFile() && depth === 3) files.push(full);
    }
  };
  await walk(manifests, 0);
  const out: OllamaStoreModel[] = [];
  for (const file of files) {
    const [host, ns, model, tag] = path.relative(manifests, file).split(path.sep);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.promises.readFile(file, "utf8")) as Manifest;
    } catch {
      continue;
    }
    const layer = manifest.layers?.find((l) => l.mediaType === "application/vnd.ollama.image.model");
    if (!layer?.digest) continue;
    const blob = path.join(modelsDir, "blobs", layer.digest.replace(":", "-"));
    const st = await fs.promises.stat(blob).catch(() => null);
    if (!st?.isFile()) continue;
    const name = host === "registry.ollama.ai" ? (ns === "library" ? `${model}:${tag}` : `${ns}/${model}:${tag}`) : `${host}/${ns}/${model}:${tag}`;
    out.push({ name, path: blob, sizeBytes: st.size });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
