import fs from "node:fs";
import os from "node:os";

/** Models below this many parameters count as tiny: one thread beats several (sync overhead dominates). */
export const TINY_MODEL_PARAMS = 50_000_000;

/** Physical cores on Linux (unique package/core ids), else the logical CPU count. */
export function physicalCores(): number {
  const logical = os.availableParallelism();
  if (process.platform !== "linux") return logical;
  try {
    const ids = new Set<string>();
    for (const cpu of fs.readdirSync("/sys/devices/system/cpu").filter((d) => /^cpu\d+$/.test(d))) {
      const t = `/sys/devices/system/cpu/${cpu}/topology`;
      ids.add(`${fs.readFileSync(`${t}/physical_package_id`, "utf8").trim()}:${fs.readFileSync(`${t}/core_id`, "utf8").trim()}`);
    }
    return Math.max(1, Math.min(logical, ids.size || logical));
  } catch {
    return logical;
  }
}

/**
 * Threads for one embedded model, with the reason. `configured` > 0 wins. Tiny models get one thread;
 * others one per physical core (token generation is memory-bandwidth bound, so hyper-threads only add
 * contention). The bench (`npm run bench -- models`) checks this choice against llama-bench's best.
 */
export function chooseThreads(parameterCount: number | undefined, configured = 0, cores = physicalCores()): { threads: number; why: string } {
  if (configured > 0) return { threads: configured, why: "models.threads is set" };
  if (parameterCount !== undefined && parameterCount < TINY_MODEL_PARAMS) return { threads: 1, why: "tiny model: one thread is fastest" };
  return { threads: cores, why: `one thread per physical core (${cores})` };
}
