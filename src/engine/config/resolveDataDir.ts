import os from "node:os";
import path from "node:path";

/**
 * The user-data folder: CODECONDUCTOR_HOME if set; otherwise XDG_CONFIG_HOME/CodeConductor on Linux,
 * ~/Library/Application Support/CodeConductor on macOS, %APPDATA%\CodeConductor on Windows — the same
 * folder Electron's `app.getPath("userData")` gives for an app named CodeConductor.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CODECONDUCTOR_HOME) return path.resolve(env.CODECONDUCTOR_HOME);
  const home = os.homedir();
  if (platform === "darwin") return path.join(home, "Library", "Application Support", "CodeConductor");
  if (platform === "win32") return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "CodeConductor");
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, ".config"), "CodeConductor");
}
