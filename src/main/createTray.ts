import { Menu, Tray, nativeImage, shell } from "electron";

export interface TrayActions {
  show(): void;
  startFromClipboard(): void;
  dataDir: string;
  quit(): void;
}

/** System tray: show window, start a run from the clipboard, open the data folder, quit. */
export function createTray(iconPath: string, actions: TrayActions): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip("CodeConductor");
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: "Show window", click: actions.show },
      { label: "Start run from clipboard", click: actions.startFromClipboard },
      { label: "Open data folder", click: () => void shell.openPath(actions.dataDir) },
      { type: "separator" },
      { label: "Quit", click: actions.quit },
    ]),
  );
  tray.on("click", actions.show);
  return tray;
}
