import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTinyLlamaGguf } from "../../../../tests/support/gguf/index.js";
import { discoverModelFiles } from "./discoverModelFiles.js";
import { modelStores } from "./modelStores.js";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "cc-home-"));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** Lay out an Ollama store as Ollama does: manifest → sha256 blob. */
function ollamaModel(root: string, ns: string, model: string, tag: string, seed: number): string {
  const blobs = path.join(root, "blobs");
  fs.mkdirSync(blobs, { recursive: true });
  const tmp = path.join(root, "tmp.gguf");
  writeTinyLlamaGguf(tmp, { seed });
  const digest = `sha256:${String(seed).padStart(64, "0")}`;
  const blob = path.join(blobs, digest.replace(":", "-"));
  fs.renameSync(tmp, blob);
  const manifest = path.join(root, "manifests", "registry.ollama.ai", ns, model, tag);
  fs.mkdirSync(path.dirname(manifest), { recursive: true });
  fs.writeFileSync(manifest, JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
    config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: "sha256:" + "c".repeat(64), size: 10 },
    layers: [
      { mediaType: "application/vnd.ollama.image.model", digest, size: fs.statSync(blob).size },
      { mediaType: "application/vnd.ollama.image.template", digest: "sha256:" + "d".repeat(64), size: 5 },
    ],
  }));
  return blob;
}

describe("discoverModelFiles", () => {
  it("finds GGUFs in an Ollama store, LM Studio folders, node-llama-cpp's folder and configured dirs, once each", async () => {
    const ollamaRoot = path.join(home, ".ollama", "models");
    const qwenBlob = ollamaModel(ollamaRoot, "library", "qwen2.5-coder", "7b", 1);
    ollamaModel(ollamaRoot, "someone", "tiny", "latest", 2);
    const lms = path.join(home, ".lmstudio", "models", "lmstudio-community", "Qwen2.5-Coder-GGUF");
    writeTinyLlamaGguf(path.join(lms, "Qwen2.5-Coder-Q4_K_M.gguf"), { seed: 3 });
    writeTinyLlamaGguf(path.join(lms, "mmproj-model-f16.gguf"), { seed: 4 }); // vision projector: not a chat model
    writeTinyLlamaGguf(path.join(lms, "Big-00001-of-00002.gguf"), { seed: 5 });
    writeTinyLlamaGguf(path.join(lms, "Big-00002-of-00002.gguf"), { seed: 6 }); // loaded through part 1
    writeTinyLlamaGguf(path.join(home, ".node-llama-cpp", "models", "hf_mradermacher_x.Q8_0.gguf"), { seed: 7 });
    const mine = path.join(home, "my-models");
    writeTinyLlamaGguf(path.join(mine, "mine.gguf"), { seed: 8 });
    fs.symlinkSync(qwenBlob, path.join(mine, "same-as-qwen.gguf")); // the same file twice: listed once, configured dir wins
    fs.writeFileSync(path.join(mine, "notes.txt"), "not a model");

    const found = await discoverModelFiles([mine], modelStores({}, home, {}));
    const summary = found.map((f) => `${f.source}:${f.name}`).sort();
    expect(summary).toEqual([
      "dirs:mine",
      "dirs:same-as-qwen",
      "lmstudio:Big-00001-of-00002",
      "lmstudio:Qwen2.5-Coder-Q4_K_M",
      "node-llama-cpp:hf_mradermacher_x.Q8_0",
      "ollama-store:someone/tiny:latest",
    ]);
    expect(found.find((f) => f.name === "someone/tiny:latest")!.path).toMatch(/blobs[/\\]sha256-0+2$/);
  });

  it("with discovery off only configured folders count, and OLLAMA_MODELS / LM Studio's downloadsFolder are honoured", async () => {
    const custom = path.join(home, "custom-ollama");
    ollamaModel(custom, "library", "llama3", "8b", 9);
    fs.mkdirSync(path.join(home, ".lmstudio"), { recursive: true });
    const lmsCustom = path.join(home, "lms-downloads");
    writeTinyLlamaGguf(path.join(lmsCustom, "pub", "repo", "m.gguf"), { seed: 10 });
    fs.writeFileSync(path.join(home, ".lmstudio", "settings.json"), JSON.stringify({ downloadsFolder: lmsCustom }));
    const stores = modelStores({}, home, { OLLAMA_MODELS: custom });
    expect(stores.ollama[0]).toBe(custom);
    expect(stores.lmstudio[0]).toBe(lmsCustom);
    const names = (await discoverModelFiles([], stores)).map((f) => f.name);
    expect(names).toContain("llama3:8b");
    expect(names).toContain("m");
    expect(await discoverModelFiles([path.join(home, "my-models")], null)).toHaveLength(2);
  });
});
