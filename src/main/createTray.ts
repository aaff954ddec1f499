import { Menu, Tray, nativeImage, shell } from "electron";

export interface TrayActions {
  show(): void;
  startFromClipboard(): void;
  emergencyStop(): void;
  dataDir: string;
  quit(): void;
}

export interface AppTray {
  /** Show the active run's stage ("Run: test (iteration 2)"), or nothing when no loop runs. */
  setStage(stage: string | null): void;
  destroy(): void;
}

/** System tray: show window, start a run from the clipboard, the active run's stage, emergency stop, quit. */
export function createTray(iconPath: string, actions: TrayActions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  // Electron menus cannot change a label in place: rebuild the menu when the stage changes.
  const build = (stage: string | null): void => {
    tray.setToolTip(stage ? `CodeConductor — ${stage}` : "CodeConductor");
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: "Show window", click: actions.show },
        { label: "Start run from clipboard", click: actions.startFromClipboard },
        { label: stage ?? "No active run", enabled: false },
        { label: "Emergency stop", enabled: stage !== null, click: actions.emergencyStop },
        { type: "separator" },
        { label: "Open data folder", click: () => void shell.openPath(actions.dataDir) },
        { type: "separator" },
        { label: "Quit", click: actions.quit },
      ]),
    );
  };
  build(null);
  tray.on("click", actions.show);
  return { setStage: build, destroy: () => tray.destroy() };
}
