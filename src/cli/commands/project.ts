import type { Command } from "commander";

/** CLI commands of the project capability. (Filled in by its issue.) */
export function registerProjectCommands(program: Command): void {
  void program;
}
