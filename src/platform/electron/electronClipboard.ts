import { clipboard } from "electron";
import type { ClipboardPort } from "../../engine/ports.js";
import { clipboardSession } from "../common/clipboardSession.js";
import { gateClipboardText } from "../common/gateClipboard.js";
import { watchClipboard } from "../common/watchClipboard.js";

/**
 * The desktop clipboard through Electron. Electron has no change event: the same clipboard-event helper as
 * the Node shells signals changes (polling when it cannot). `clipboard.readText()` returns the whole text, so
 * the size gate applies right after the read rather than during it.
 */
export function electronClipboard(): ClipboardPort {
  const read = async (maxBytes: number) => gateClipboardText(clipboard.readText(), maxBytes);
  return {
    read: ({ maxBytes }) => read(maxBytes),
    writeText: async (t) => clipboard.writeText(t),
    watch: (onChange, { maxBytes, onStatus }) => watchClipboard(onChange, { session: clipboardSession(), read, maxBytes, onStatus }),
  };
}
