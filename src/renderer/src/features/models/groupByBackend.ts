import type { BackendHealth, ModelInfo } from "../../../../shared/contract/models.js";

export interface BackendGroup {
  key: string;
  title: string;
  health: BackendHealth | undefined;
  models: ModelInfo[];
}

const TITLES: Record<string, string> = { embedded: "Embedded (node-llama-cpp)", ollama: "Ollama", openai: "OpenAI-compatible" };

/** One group per backend instance, in a stable order (embedded, Ollama, OpenAI-compatible), models by name. */
export function groupByBackend(models: ModelInfo[], backends: BackendHealth[]): BackendGroup[] {
  const groups = new Map<string, BackendGroup>();
  const key = (backend: string, provider: string): string => `${backend}:${provider}`;
  for (const b of backends) groups.set(key(b.backend, b.provider), { key: key(b.backend, b.provider), title: `${TITLES[b.backend] ?? b.backend} · ${b.provider}`, health: b, models: [] });
  for (const m of models) {
    const k = key(m.backend, m.provider);
    if (!groups.has(k)) groups.set(k, { key: k, title: `${TITLES[m.backend] ?? m.backend} · ${m.provider}`, health: undefined, models: [] });
    groups.get(k)!.models.push(m);
  }
  const order = ["embedded", "ollama", "openai"];
  return [...groups.values()]
    .map((g) => ({ ...g, models: [...g.models].sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => order.indexOf(a.key.split(":")[0]!) - order.indexOf(b.key.split(":")[0]!) || a.key.localeCompare(b.key));
}

/** "1.2 GiB", "340.0 MiB", "" for unknown. */
export function formatBytes(b: number | undefined): string {
  if (b === undefined) return "";
  return b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`;
}
