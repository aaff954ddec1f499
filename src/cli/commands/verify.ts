import type { Command } from "commander";

/** CLI commands of the verify capability. (Filled in by its issue.) */
export function registerVerifyCommands(program: Command): void {
  void program;
}
