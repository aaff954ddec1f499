import path from "node:path";
import type { z } from "zod";
import type { modelsRunKinds } from "../../shared/contract/models.js";
import type { RunContext } from "../runs/RunManager.js";
import { logsDir } from "../util/createLogger.js";
import { buildLlamaCpp, type BuildLlamaResult } from "./build/buildLlamaCpp.js";

type BuildInput = z.output<(typeof modelsRunKinds)["models.build"]["input"]>;

/** Run kind `models.build`: compile llama.cpp for this machine, logging to `<dataDir>/logs/llama-build-<time>.log`. */
export async function runBuild(raw: unknown, rc: RunContext, o: { dataDir: string; onDone: (r: BuildLlamaResult) => void }): Promise<BuildLlamaResult> {
  const input = raw as BuildInput;
  const logFile = path.join(logsDir(o.dataDir), `llama-build-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  rc.setTitle(`build llama.cpp (${input.gpu})`);
  rc.log("info", `compiler output goes to ${logFile}`);
  const result = await buildLlamaCpp({ gpu: input.gpu, force: input.force, logFile, signal: rc.signal, onProgress: (f, m) => rc.progress(f, m) });
  rc.log("info", result.built ? `built ${result.folder} in ${result.seconds} s` : `reused the cached build ${result.folder}`);
  o.onDone(result);
  return result;
}
