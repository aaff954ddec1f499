import type { Command } from "commander";
import type { GlobalOptions } from "./withEngine.js";

/** The program-level options (--json, --verbose, --data-dir) merged with a command's own. */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}
