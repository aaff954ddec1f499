import { clipboard } from "electron";
import type { ClipboardContent, ClipboardPort } from "../../engine/ports.js";
import { AppError } from "../../shared/contract/errors.js";
import { clipboardCommands } from "../common/clipboardCommands.js";
import { clipboardSession } from "../common/clipboardSession.js";
import { gateClipboardText } from "../../engine/clipboard/gateClipboard.js";
import { readClipboardCapped } from "../common/readClipboardCapped.js";
import { watchClipboard } from "../common/watchClipboard.js";

/**
 * The desktop clipboard through Electron. Electron has no change event: the same clipboard-event helper as
 * the Node shells signals changes (polling when it cannot). `clipboard.readText()` returns the whole text and
 * blocks the main process while it does, so on Linux, where xclip/wl-paste is installed, reads go through the
 * tool with the cap enforced while reading; otherwise the same gate applies right after `readText()`.
 */
export function electronClipboard(): ClipboardPort {
  const read = async (maxBytes: number): Promise<ClipboardContent> => {
    const cmds = process.platform === "linux" ? clipboardCommands() : null;
    // Electron 45 made clipboard reads async (W3C-style).
    if (cmds && !(cmds instanceof AppError)) return readClipboardCapped(cmds, maxBytes).catch(async () => gateClipboardText(await clipboard.readText(), maxBytes));
    return gateClipboardText(await clipboard.readText(), maxBytes);
  };
  return {
    read: ({ maxBytes }) => read(maxBytes),
    writeText: async (t) => {
      await clipboard.writeText(t);
    },
    watch: (onChange, { maxBytes, onStatus }) => watchClipboard(onChange, { session: clipboardSession(), read, maxBytes, onStatus }),
  };
}
