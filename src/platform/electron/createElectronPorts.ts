import { app, clipboard, dialog, globalShortcut, Notification, type BrowserWindow } from "electron";
import type { Ports } from "../../engine/ports.js";
import { utilityWorkerSpawner } from "./utilityWorkerSpawner.js";

/** Ports backed by Electron's own APIs (desktop shell). */
export function createElectronPorts(getWindow: () => BrowserWindow | null): Ports {
  return {
    shell: "electron",
    paths: { dataDir: app.getPath("userData") },
    workers: { spawn: utilityWorkerSpawner },
    clipboard: {
      readText: async () => clipboard.readText(),
      writeText: async (t) => clipboard.writeText(t),
      // Electron has no clipboard-change event; poll cheaply (string compare) every 500 ms.
      watch: (onChange) => {
        // Electron 45 made clipboard reads async (W3C-style); a slow read skips a tick instead of piling up.
        let last: string | null = null;
        let reading = false;
        const tick = async (): Promise<void> => {
          if (reading) return;
          reading = true;
          try {
            const t = await clipboard.readText();
            if (last !== null && t !== last) onChange(t);
            last = t;
          } finally {
            reading = false;
          }
        };
        void tick();
        const timer = setInterval(() => void tick(), 500);
        return () => clearInterval(timer);
      },
    },
    hotkeys: {
      available: async () => ({ ok: true }),
      register: (accelerator, onPress) => {
        const ok = globalShortcut.register(accelerator, onPress);
        return () => {
          if (ok) globalShortcut.unregister(accelerator);
        };
      },
    },
    notifications: {
      notify: async (n) => {
        if (Notification.isSupported()) new Notification({ title: n.title, body: n.message ?? "" }).show();
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
