import type { ClipboardContent } from "../../engine/ports.js";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { ClipboardCommands } from "./clipboardCommands.js";
import { gateClipboardBytes, tooLarge } from "../../engine/clipboard/gateClipboard.js";
import { readCommandCapped } from "./readCommandCapped.js";

/** The tool's way of saying "nothing (textual) is on the clipboard" rather than failing. */
const NOTHING_COPIED = /target .* not available|nothing is copied|no selection/i;

/** Read the clipboard with the OS tool, never keeping more than `maxBytes`, and gate what came. */
export async function readClipboardCapped(cmds: ClipboardCommands, maxBytes: number, env: NodeJS.ProcessEnv = process.env): Promise<ClipboardContent> {
  const out = await readCommandCapped(cmds.read[0], cmds.read[1], { maxBytes, env });
  if (out.kind === "over") return tooLarge(out.bytes, maxBytes, out.exact);
  if (out.kind === "complete") return gateClipboardBytes(out.stdout, maxBytes);
  if (NOTHING_COPIED.test(out.message)) return { kind: "empty" };
  throw new AppError(ErrorCode.Unavailable, `The clipboard could not be read: ${out.message}`);
}
