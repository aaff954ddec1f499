import notifier from "node-notifier";
import type { Ports } from "../../engine/ports.js";
import { NodeClipboard } from "./NodeClipboard.js";
import { NodeHotkeys } from "./NodeHotkeys.js";

/** Ports for the web-mode server and the CLI: real clipboard, OS notifications, hotkey probe. */
export function createNodePorts(dataDir: string, shell: "web" | "cli"): Ports {
  const hotkeys = new NodeHotkeys();
  return {
    shell,
    doctor: async () => {
      const hk = await hotkeys.available();
      return [
        hk.ok
          ? { id: "hotkeys", title: "Global hotkeys", status: "ok", detail: "available" }
          : { id: "hotkeys", title: "Global hotkeys", status: "warn", detail: hk.reason ?? "unavailable", fix: "Global hotkeys need an X11 display with the RECORD extension (or the desktop app on macOS/Windows)." },
      ];
    },
    paths: { dataDir },
    clipboard: new NodeClipboard(),
    hotkeys,
    notifications: {
      notify: (n) =>
        new Promise<void>((resolve) => {
          notifier.notify({ title: n.title, message: n.message ?? n.title, wait: false }, () => resolve());
        }),
    },
    // Web mode asks in the page itself; there is no native dialog to show.
    dialogs: { pickFolder: async () => null, confirm: async () => false },
  };
}
