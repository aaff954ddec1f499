import { app, Notification, shell } from "electron";
import type { Ports } from "../../engine/ports.js";
import { electronClipboard } from "./electronClipboard.js";
import { electronDoctorChecks } from "./electronDoctorChecks.js";
import { electronHotkeys } from "./electronHotkeys.js";
import { utilityWorkerSpawner } from "./utilityWorkerSpawner.js";

/** Ports backed by Electron's own APIs (desktop shell); clipboard watching shares the Node shells' helper. */
export function createElectronPorts(): Ports {
  const hotkeys = electronHotkeys();
  return {
    shell: "electron",
    doctor: (signal) => electronDoctorChecks({ activeHotkeys: hotkeys.active(), signal }),
    paths: { dataDir: app.getPath("userData") },
    workers: { spawn: utilityWorkerSpawner },
    clipboard: electronClipboard(),
    hotkeys,
    notifications: {
      notify: async (n) => {
        if (!Notification.isSupported()) return { shown: false, reason: "this system has no notification service Electron can use" };
        try {
          new Notification({ title: n.title, body: n.message ?? "" }).show();
          return { shown: true };
        } catch (e) {
          return { shown: false, reason: (e as Error).message };
        }
      },
    },
    folders: {
      open: async (folder) => {
        // shell.openPath resolves with an error message, empty on success.
        const error = await shell.openPath(folder);
        return error ? { opened: false, reason: error } : { opened: true };
      },
    },
  };
}
