import type { Command } from "commander";

/** CLI commands of the models capability. (Filled in by its issue.) */
export function registerModelsCommands(program: Command): void {
  void program;
}
