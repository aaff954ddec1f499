import type { BackendHealth } from "../../shared/contract/models.js";
import type { Config } from "../config/ConfigSchema.js";
import type { InferenceProvider } from "../inference/InferenceProvider.js";
import { isLoopbackUrl } from "../inference/isLoopbackUrl.js";
import { OllamaProvider } from "../inference/ollama/OllamaProvider.js";
import { OpenAICompatProvider } from "../inference/openai/OpenAICompatProvider.js";

/**
 * The HTTP providers the config asks for. Backends switched off, and non-loopback hosts while
 * `net.allowNet` is off (privacy by default: nothing leaves the machine), come back as `disabled`
 * health entries that say why.
 */
export function buildProviders(config: Config): { providers: InferenceProvider[]; disabled: BackendHealth[] } {
  const m = config.models;
  const providers: InferenceProvider[] = [];
  const disabled: BackendHealth[] = [];
  const gate = (backend: "ollama" | "openai", provider: string, url: string, enabled: boolean, why: string): boolean => {
    let reason: string | undefined;
    if (!m.backends.includes(backend)) reason = `backend "${backend}" is not in models.backends (ENGINE_BACKENDS)`;
    else if (!enabled) reason = why;
    else if (!isLoopbackUrl(url) && !config.net.allowNet) reason = `${url} is not on this machine; set net.allowNet (ALLOW_NET=1) to use it`;
    if (reason) disabled.push({ backend, provider, url, breaker: "closed", healthy: false, disabled: reason });
    return !reason;
  };
  if (gate("ollama", "local", m.ollama.host, m.ollama.enabled, "models.ollama.enabled is off (OLLAMA_DISABLE)")) {
    providers.push(new OllamaProvider({ host: m.ollama.host, minNumCtx: m.ollama.minNumCtx }));
  }
  if (gate("openai", "lmstudio", m.lmstudio.baseUrl, m.lmstudio.enabled, "models.lmstudio.enabled is off (LMSTUDIO_DISABLE)")) {
    providers.push(new OpenAICompatProvider({ name: "lmstudio", baseUrl: m.lmstudio.baseUrl, lmstudio: true }));
  }
  for (const e of m.openaiEndpoints) {
    if (gate("openai", e.name, e.baseUrl, true, "")) providers.push(new OpenAICompatProvider({ name: e.name, baseUrl: e.baseUrl, apiKey: e.apiKey }));
  }
  return { providers, disabled };
}
