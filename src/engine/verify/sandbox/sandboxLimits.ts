import type { Config } from "../../config/ConfigSchema.js";
import type { SandboxLimits } from "./runSandboxed.js";

/** The limits a sandboxed run gets from the `sandbox` config section (verify's tests and the local generator's). */
export function sandboxLimits(s: Config["sandbox"]): SandboxLimits {
  return { timeoutSec: s.timeoutSec, memoryMiB: s.memoryMiB, maxProcesses: s.maxProcesses, outputCapKiB: s.outputCapKiB, maxFileMiB: s.maxFileMiB, tmpMiB: s.tmpMiB };
}
