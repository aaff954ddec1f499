import { app, dialog, Notification, type BrowserWindow } from "electron";
import type { Ports } from "../../engine/ports.js";
import { electronClipboard } from "./electronClipboard.js";
import { electronDoctorChecks } from "./electronDoctorChecks.js";
import { electronHotkeys } from "./electronHotkeys.js";
import { utilityWorkerSpawner } from "./utilityWorkerSpawner.js";

/** Ports backed by Electron's own APIs (desktop shell); clipboard watching shares the Node shells' helper. */
export function createElectronPorts(getWindow: () => BrowserWindow | null): Ports {
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
    dialogs: {
      pickFolder: async (o) => {
        const win = getWindow();
        const opts = { title: o?.title ?? "Choose a folder", defaultPath: o?.defaultPath, properties: ["openDirectory" as const] };
        const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      confirm: async (o) => {
        const win = getWindow();
        const opts = { type: "question" as const, title: o.title, message: o.message, buttons: [o.confirmLabel ?? "OK", "Cancel"], defaultId: 1, cancelId: 1 };
        const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
        return r.response === 0;
      },
    },
  };
}
