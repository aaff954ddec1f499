import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where the usual model stores live; each `null` in config means "the app's default place". */
export interface ModelStores {
  lmstudio: string[];
  ollama: string[];
  nodeLlamaCpp: string[];
}

/**
 * Default store folders: LM Studio (`~/.lmstudio/models`, the older `~/.cache/lm-studio/models`, or the
 * `downloadsFolder` in its settings), Ollama (`OLLAMA_MODELS`, `~/.ollama/models`, the Linux service's
 * `/usr/share/ollama/.ollama/models`), node-llama-cpp (`~/.node-llama-cpp/models`).
 */
export function modelStores(overrides: { lmstudio?: string | null; ollama?: string | null; nodeLlamaCpp?: string | null } = {}, home = os.homedir(), env = process.env): ModelStores {
  const lmSettings = readJson(path.join(home, ".lmstudio", "settings.json")) as { downloadsFolder?: string } | undefined;
  return {
    lmstudio: overrides.lmstudio
      ? [overrides.lmstudio]
      : unique([lmSettings?.downloadsFolder, path.join(home, ".lmstudio", "models"), path.join(home, ".cache", "lm-studio", "models")]),
    ollama: overrides.ollama
      ? [overrides.ollama]
      : unique([env.OLLAMA_MODELS, path.join(home, ".ollama", "models"), process.platform === "linux" ? "/usr/share/ollama/.ollama/models" : undefined]),
    nodeLlamaCpp: overrides.nodeLlamaCpp ? [overrides.nodeLlamaCpp] : [path.join(home, ".node-llama-cpp", "models")],
  };
}

function unique(xs: Array<string | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
