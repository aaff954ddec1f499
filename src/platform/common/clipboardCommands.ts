import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { findExecutable } from "../../engine/util/findExecutable.js";
import { clipboardSession, type ClipboardSession } from "./clipboardSession.js";

export interface ClipboardCommands {
  read: [string, string[]];
  write: [string, string[]];
  session: ClipboardSession;
}

/**
 * The OS tools that read and write the clipboard in this session, or an error that names what is missing:
 * the display (no desktop session at all) or the tool (xclip / wl-clipboard not installed).
 */
export function clipboardCommands(env: NodeJS.ProcessEnv = process.env): ClipboardCommands | AppError {
  const session = clipboardSession(env);
  if (session.kind === "none") return new AppError(ErrorCode.Unavailable, `No clipboard: ${session.reason}. Run inside a desktop session, or use the in-app Copy button and paste box.`);
  if (session.kind === "native" && session.platform === "darwin") return { session, read: ["pbpaste", []], write: ["pbcopy", []] };
  if (session.kind === "native") return { session, read: ["powershell", ["-NoProfile", "-Command", "Get-Clipboard -Raw"]], write: ["clip", []] };
  if (session.kind === "wayland") {
    const [paste, copy] = [findExecutable("wl-paste", env.PATH), findExecutable("wl-copy", env.PATH)];
    if (!paste || !copy) return new AppError(ErrorCode.Unavailable, `No clipboard tool: the Wayland session ${session.display} needs wl-clipboard (wl-copy, wl-paste), which is not installed (Debian/Ubuntu: apt install wl-clipboard).`);
    return { session, read: [paste, ["--no-newline"]], write: [copy, []] };
  }
  const xclip = findExecutable("xclip", env.PATH);
  if (!xclip) return new AppError(ErrorCode.Unavailable, `No clipboard tool: the X11 display ${session.display} is there but xclip is not installed (Debian/Ubuntu: apt install xclip).`);
  return { session, read: [xclip, ["-selection", "clipboard", "-o"]], write: [xclip, ["-selection", "clipboard", "-i"]] };
}
