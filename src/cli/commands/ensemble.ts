import type { Command } from "commander";

/** CLI commands of the ensemble capability. (Filled in by its issue.) */
export function registerEnsembleCommands(program: Command): void {
  void program;
}
