import type { Ports } from "../../engine/ports.js";
import { NodeClipboard } from "./NodeClipboard.js";
import { NodeHotkeys } from "./NodeHotkeys.js";

/** Ports for the web-mode server and the CLI: real clipboard, OS notifications, hotkey probe. */
export function createNodePorts(dataDir: string, shell: "web" | "cli"): Ports {
  return {
    shell,
    paths: { dataDir },
    clipboard: new NodeClipboard(),
    hotkeys: new NodeHotkeys(),
    notifications: {
      // Loaded on the first notification: most CLI commands and web sessions never send one.
      notify: async (n) => {
        const { default: notifier } = await import("node-notifier");
        await new Promise<void>((resolve) => {
          notifier.notify({ title: n.title, message: n.message ?? n.title, wait: false }, () => resolve());
        });
      },
    },
    // Web mode asks in the page itself; there is no native dialog to show.
    dialogs: { pickFolder: async () => null, confirm: async () => false },
  };
}
