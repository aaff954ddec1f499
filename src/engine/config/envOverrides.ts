/**
 * Environment variables users of the original CodeConductor already know, mapped onto config keys.
 * Each parser returns the value or throws an Error with a human message.
 */
export interface EnvOverride {
  env: string;
  key: string;
  parse(raw: string): unknown;
}

function bool(raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off", ""].includes(v)) return false;
  throw new Error(`expected 1/0, true/false, yes/no or on/off, got "${raw}"`);
}
const notBool = (raw: string): boolean => !bool(raw);
function num(raw: string): number {
  const n = Number(raw.trim());
  if (raw.trim() === "" || !Number.isFinite(n)) throw new Error(`expected a number, got "${raw}"`);
  return n;
}
const list = (raw: string): string[] =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const nullable = (raw: string): string | null => (raw.trim() === "" ? null : raw.trim());

function backends(raw: string): string[] {
  // The original accepted "lmstudio" and "vllm"; both are OpenAI-compatible here.
  const map: Record<string, string> = { embedded: "embedded", gguf: "embedded", llamacpp: "embedded", ollama: "ollama", openai: "openai", lmstudio: "openai", vllm: "openai" };
  const out = new Set<string>();
  for (const b of list(raw)) {
    const m = map[b.toLowerCase()];
    if (!m) throw new Error(`unknown backend "${b}" (use embedded, ollama, openai, lmstudio or vllm)`);
    out.add(m);
  }
  return [...out];
}

function weights(raw: string): number[] {
  const parts = list(raw).map(num);
  if (parts.length !== 4) throw new Error(`expected four comma-separated weights (ngram, weighted, ast, dataflow), got "${raw}"`);
  return parts;
}

function endpoints(raw: string): Array<{ name: string; baseUrl: string }> {
  return list(raw).map((url, i) => {
    try {
      const u = new URL(url);
      return { name: `${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)}`, baseUrl: url };
    } catch {
      throw new Error(`entry ${i + 1} "${url}" is not a URL`);
    }
  });
}

function pathList(raw: string): string[] {
  // Platform path-list separator (":" on POSIX, ";" on Windows); commas also accepted.
  const sep = process.platform === "win32" ? ";" : ":";
  return raw
    .split(new RegExp(`[${sep},]`))
    .map((s) => s.trim())
    .filter(Boolean);
}

export const envOverrides: EnvOverride[] = [
  { env: "ENGINE_BACKENDS", key: "models.backends", parse: backends },
  { env: "ENGINE_MODEL_ALLOWLIST", key: "models.allowlist", parse: list },
  { env: "FORCE_MODEL", key: "models.forceModel", parse: nullable },
  { env: "WINNER_MODEL", key: "models.winnerModel", parse: nullable },
  { env: "SELECTOR_POLICY", key: "models.selectorPolicy", parse: (r) => r.trim().toLowerCase() },
  { env: "MODEL_SELECTOR_STRICT", key: "models.selectorStrict", parse: bool },
  { env: "MAX_PARALLEL_MODELS", key: "models.maxParallel", parse: num },
  { env: "ENSEMBLE_SIZE", key: "ensemble.size", parse: num },
  { env: "DISCOVERY_DISABLE", key: "models.discovery", parse: notBool },
  { env: "OLLAMA_DISABLE", key: "models.ollama.enabled", parse: notBool },
  { env: "OLLAMA_HOST", key: "models.ollama.host", parse: (r) => (/^https?:\/\//.test(r.trim()) ? r.trim() : `http://${r.trim()}`) },
  { env: "LMSTUDIO_DISABLE", key: "models.lmstudio.enabled", parse: notBool },
  { env: "CC_OPENAI_BASE_URLS", key: "models.openaiEndpoints", parse: endpoints },
  { env: "CC_MODEL_DIRS", key: "models.dirs", parse: pathList },
  { env: "HF_ENDPOINT", key: "models.hfEndpoint", parse: (r) => r.trim() },
  { env: "CC_TEMP", key: "sampling.temperature", parse: num },
  { env: "CC_TOP_P", key: "sampling.topP", parse: num },
  { env: "MAX_TOKENS", key: "sampling.maxTokens", parse: num },
  { env: "ALLOW_NET", key: "net.allowNet", parse: bool },
  { env: "RLHF_DISABLE", key: "learning.enabled", parse: notBool },
  { env: "CODEBLEU_WEIGHTS", key: "codebleu.weights", parse: weights },
  { env: "CODEBLEU_NORMALIZE", key: "codebleu.normalize", parse: bool },
  { env: "CODEBLEU_STRIP_COMMENTS", key: "codebleu.stripComments", parse: bool },
  { env: "CODEBLEU_STRIP_DOCSTRINGS", key: "codebleu.stripDocstrings", parse: bool },
  { env: "CODECONDUCTOR_EXPORT_DIR", key: "insight.export.dir", parse: nullable },
  { env: "CODECONDUCTOR_EXPORT_PRIVACY", key: "insight.export.privacy", parse: (r) => r.trim() },
  { env: "CODECONDUCTOR_EXPORT_KEEP", key: "insight.export.keep", parse: num },
  { env: "CODECONDUCTOR_METRICS", key: "insight.metrics.enabled", parse: bool },
];
