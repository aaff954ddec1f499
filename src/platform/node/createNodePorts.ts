import type { Ports } from "../../engine/ports.js";
import { NodeClipboard } from "./NodeClipboard.js";
import { NodeHotkeys } from "./NodeHotkeys.js";
import { NodeNotifications } from "./NodeNotifications.js";
import { nodeDoctorChecks } from "./nodeDoctorChecks.js";
import { openWithDesktop } from "./openWithDesktop.js";

/** Ports for the web-mode server and the CLI: OS clipboard tools, uiohook hotkeys, node-notifier. */
export function createNodePorts(dataDir: string, shell: "web" | "cli", env: NodeJS.ProcessEnv = process.env): Ports {
  const hotkeys = new NodeHotkeys(env);
  const notifications = new NodeNotifications();
  return {
    shell,
    doctor: (signal) => nodeDoctorChecks({ hotkeys, lastNotifyFailure: notifications.lastFailure, env, signal }),
    paths: { dataDir },
    clipboard: new NodeClipboard(env),
    hotkeys,
    notifications,
    folders: { open: (folder) => openWithDesktop(folder, env) },
  };
}
