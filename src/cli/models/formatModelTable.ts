import type { BackendHealth, ModelInfo } from "../../shared/contract/models.js";

const size = (b?: number): string => (b === undefined ? "" : b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);
const ms = (v?: number): string => (v === undefined ? "" : `${Math.round(v)} ms`);

/** Models grouped by backend, one aligned table, then a health line per backend. */
export function formatModelTable(models: ModelInfo[], backends: BackendHealth[]): string {
  const head = ["MODEL", "STATUS", "SIZE", "QUANT", "CTX", "MEM", "LATENCY", "NOTE"];
  const rows = [...models]
    .sort((a, b) => a.backend.localeCompare(b.backend) || a.id.localeCompare(b.id))
    .map((m) => [m.id, m.status, size(m.sizeBytes), m.quantization ?? "", m.contextLength ? String(m.contextLength) : "", size(m.memoryEstimateBytes), ms(m.latencyMs), m.problem ?? m.gpu ?? ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const table = rows.length ? [line(head), ...rows.map(line)].join("\n") : "No models found. Put .gguf files in a models.dirs folder, run `codeconductor models pull`, or start Ollama / LM Studio.";
  const health = backends.map((b) => {
    const what = `${b.backend}:${b.provider}${b.url ? ` (${b.url})` : ""}`;
    if (b.disabled) return `  - ${what}: off — ${b.disabled}`;
    const state = b.breaker !== "closed" ? `circuit ${b.breaker}` : b.healthy ? "healthy" : "failing";
    return `  ${b.healthy ? "✔" : "✘"} ${what}: ${state}${b.latencyMs !== undefined ? `, ${Math.round(b.latencyMs)} ms` : ""}${b.lastError ? ` — ${b.lastError}` : ""}${b.gpu ? `, ${b.gpu}` : ""}${b.binary ? `\n      llama.cpp: ${b.binary}` : ""}`;
  });
  return `${table}\n\nBackends:\n${health.join("\n")}`;
}
