import os from "node:os";
import path from "node:path";
import { llamaPaths } from "../../src/engine/inference/embedded/binary/llamaPaths.js";
import { resolveLlamaBinary } from "../../src/engine/inference/embedded/binary/resolveLlamaBinary.js";
import { buildLlamaCpp } from "../../src/engine/models/build/buildLlamaCpp.js";

/**
 * The local CPU build `codeconductor models build --gpu cpu` makes, for the bench to measure beside the
 * prebuilt: reused from the cache (keyed by llama.cpp commit, outside the checkout) or built once (minutes).
 * Null, with the reason logged, when it cannot be built here (no cmake or compiler).
 */
export async function ensureLocalBuild(log: (msg: string) => void): Promise<{ detail: string; built: boolean; seconds: number } | null> {
  const logFile = path.join(llamaPaths().cacheRoot, `bench-build-${os.hostname()}.log`);
  try {
    let lastTenth = -1;
    const r = await buildLlamaCpp({
      gpu: "cpu",
      logFile,
      onProgress: (f, m) => {
        const tenth = Math.floor(f * 10);
        if (tenth !== lastTenth) log(`local llama.cpp build: ${(lastTenth = tenth) * 10}% ${m}`);
      },
    });
    return { detail: resolveLlamaBinary(false, { prefer: "auto" }).detail, built: r.built, seconds: r.seconds };
  } catch (e) {
    log(`no local llama.cpp build: ${(e as Error).message}`);
    return null;
  }
}
