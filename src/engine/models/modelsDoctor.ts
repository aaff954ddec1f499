import fs from "node:fs";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { BackendHealth } from "../../shared/contract/models.js";
import { toAppError } from "../../shared/contract/errors.js";
import type { Config } from "../config/ConfigSchema.js";
import type { EmbeddedProvider } from "../inference/embedded/EmbeddedProvider.js";
import { resolveLlamaBinary } from "../inference/embedded/binary/resolveLlamaBinary.js";
import { InferenceHost } from "../inference/embedded/InferenceHost.js";
import { checkBuildTools } from "./build/checkBuildTools.js";
import type { InferenceProvider } from "../inference/InferenceProvider.js";
import type { HealthMonitor } from "./HealthMonitor.js";
import type { ModelRegistry } from "./ModelRegistry.js";
import type { WorkerSpawner } from "../inference/embedded/WorkerProcess.js";

export interface ModelsDoctorDeps {
  config: Config;
  providers: InferenceProvider[];
  disabled: BackendHealth[];
  embedded: EmbeddedProvider | null;
  monitor: HealthMonitor;
  registry: ModelRegistry;
  pullDir: string;
  /** How model workers start (Electron: utilityProcess). */
  spawn?: WorkerSpawner;
}

/** Doctor checks: embedded binary + GPU backend, model folders, each server reachable, models found. */
export async function modelsDoctor(d: ModelsDoctorDeps, signal: AbortSignal): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (d.embedded) checks.push(...(await embeddedChecks(d.config, signal, d.spawn)));
  for (const dir of d.config.models.dirs) {
    let ok = true;
    try {
      await fs.promises.access(dir, fs.constants.R_OK);
    } catch {
      ok = false;
    }
    checks.push(ok ? { id: `models.dir:${dir}`, title: "Model folder", status: "ok", detail: `${dir} is readable` } : { id: `models.dir:${dir}`, title: "Model folder", status: "warn", detail: `${dir} is missing or unreadable`, fix: `Create it or remove it from models.dirs / CC_MODEL_DIRS` });
  }
  for (const p of d.providers.filter((x) => x.backend !== "embedded")) {
    const started = performance.now();
    try {
      await p.probe(signal);
      checks.push({ id: `models.backend:${p.backend}:${p.provider}`, title: `${p.backend} "${p.provider}"`, status: "ok", detail: `${p.url} answered in ${Math.round(performance.now() - started)} ms` });
    } catch (err) {
      checks.push({ id: `models.backend:${p.backend}:${p.provider}`, title: `${p.backend} "${p.provider}"`, status: "warn", detail: toAppError(err).message, fix: `Start the server at ${p.url}, or switch it off (${p.backend === "ollama" ? "OLLAMA_DISABLE=1" : "LMSTUDIO_DISABLE=1 / remove the endpoint"})` });
    }
  }
  for (const x of d.disabled) checks.push({ id: `models.backend:${x.backend}:${x.provider}`, title: `${x.backend} "${x.provider}"`, status: "skip", detail: x.disabled ?? "disabled" });
  const models = await d.registry.list({ refresh: true, signal }).catch(() => []);
  const usable = models.filter((m) => m.status !== "unavailable");
  const broken = models.filter((m) => m.problem);
  checks.push(
    usable.length
      ? { id: "models.found", title: "Models", status: broken.length ? "warn" : "ok", detail: `${usable.length} usable${broken.length ? `; ${broken.length} with problems: ${broken.map((m) => `${m.name} (${m.problem})`).join("; ")}` : ""}`, ...(broken.length ? { fix: "Remove or re-download the files named above" } : {}) }
      : { id: "models.found", title: "Models", status: "warn", detail: "No usable model found", fix: `Put .gguf files in ${d.pullDir}, run \`codeconductor models pull hf:…\`, or start Ollama / LM Studio` },
  );
  return checks;
}

/** The local-build check: which binary is expected, and whether `models build` could make one here. */
function localBuildCheck(gpu: "auto" | false): DoctorCheck {
  const binary = resolveLlamaBinary(gpu);
  if (binary.kind === "local") return { id: "models.embedded.build", title: "Local llama.cpp build", status: "ok", detail: binary.detail };
  const tools = checkBuildTools();
  return tools.ok
    ? { id: "models.embedded.build", title: "Local llama.cpp build", status: "ok", detail: `none; cmake and a compiler are installed: \`codeconductor models build\` compiles one for this CPU (faster than the prebuilt)` }
    : { id: "models.embedded.build", title: "Local llama.cpp build", status: "skip", detail: `none; \`codeconductor models build\` needs ${tools.missing.join(", ")}`, fix: `Install them: ${tools.hint}` };
}

async function embeddedChecks(config: Config, signal: AbortSignal, spawn?: WorkerSpawner): Promise<DoctorCheck[]> {
  let host: InferenceHost | undefined;
  const gpuChoice = config.models.gpu === "cpu" ? false : (config.models.gpu as "auto");
  try {
    host = await InferenceHost.start({ gpu: gpuChoice, signal, spawn });
    const gpu = host.ready.gpu;
    const which = host.ready.binary === "localBuild" ? "local build (codeconductor models build)" : "node-llama-cpp's prebuilt binary";
    return [
      { id: "models.embedded.binary", title: "Embedded inference (node-llama-cpp)", status: "ok", detail: `${which} loads; ${host.ready.cpuMathCores} math cores` },
      localBuildCheck(gpuChoice),
      config.models.gpu === "cpu"
        ? { id: "models.embedded.gpu", title: "GPU backend", status: "skip", detail: "CPU chosen (models.gpu: cpu)" }
        : gpu === "cpu"
        ? { id: "models.embedded.gpu", title: "GPU backend", status: "warn", detail: "no GPU backend in use: embedded models run on the CPU", fix: "Install CUDA or Vulkan drivers for a supported GPU (Metal is automatic on Apple silicon)" }
        : { id: "models.embedded.gpu", title: "GPU backend", status: "ok", detail: `${gpu} in use` },
    ];
  } catch (err) {
    return [{ id: "models.embedded.binary", title: "Embedded inference (node-llama-cpp)", status: "fail", detail: toAppError(err).message, fix: "Reinstall node-llama-cpp so its prebuilt binary for this platform is present (npm install)" }];
  } finally {
    await host?.dispose();
  }
}
