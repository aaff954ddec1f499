import { app, clipboard, dialog, globalShortcut, Notification, type BrowserWindow } from "electron";
import type { Ports } from "../../engine/ports.js";

/** Ports backed by Electron's own APIs (desktop shell). */
export function createElectronPorts(getWindow: () => BrowserWindow | null): Ports {
  return {
    shell: "electron",
    doctor: async () => [],
    paths: { dataDir: app.getPath("userData") },
    clipboard: {
      read: async ({ maxBytes }) => {
        const text = clipboard.readText();
        const bytes = Buffer.byteLength(text);
        if (!text) return { kind: "empty" };
        return bytes > maxBytes ? { kind: "refused", reason: "too-large", bytes, message: `too large: ${bytes} bytes` } : { kind: "text", text, bytes };
      },
      writeText: async (t) => clipboard.writeText(t),
      // Electron has no clipboard-change event; poll cheaply (string compare) every 500 ms.
      watch: (onChange, { maxBytes }) => {
        let last = clipboard.readText();
        const timer = setInterval(() => {
          const t = clipboard.readText();
          if (t !== last) {
            last = t;
            const bytes = Buffer.byteLength(t);
            onChange(!t ? { kind: "empty" } : bytes > maxBytes ? { kind: "refused", reason: "too-large", bytes, message: `too large: ${bytes} bytes` } : { kind: "text", text: t, bytes });
          }
        }, 500);
        return { status: () => ({ mode: "polling" }), stop: () => clearInterval(timer) };
      },
    },
    hotkeys: {
      register: async (bindings, onPress) => {
        const registered = bindings.filter((b) => globalShortcut.register(b.accelerator, () => onPress(b.id)));
        const failed = bindings.filter((b) => !registered.includes(b)).map((b) => ({ ...b, reason: "taken by another application or invalid" }));
        return { backend: "globalShortcut", registered, failed, dispose: () => registered.forEach((b) => globalShortcut.unregister(b.accelerator)) };
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
