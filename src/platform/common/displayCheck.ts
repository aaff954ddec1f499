import type { DoctorCheck } from "../../shared/contract/system.js";
import { clipboardSession } from "./clipboardSession.js";

/** Doctor check `display` (Linux): which desktop session the clipboard, hotkeys and notifications use. */
export function displayCheck(env: NodeJS.ProcessEnv = process.env): DoctorCheck | null {
  if (process.platform !== "linux") return null;
  const s = clipboardSession(env);
  if (s.kind === "x11") return { id: "display", title: "Display", status: "ok", detail: `X11 ${s.display}` };
  if (s.kind === "wayland") return { id: "display", title: "Display", status: "ok", detail: `Wayland ${s.display}${env.DISPLAY ? ` (XWayland ${env.DISPLAY})` : ""}` };
  return { id: "display", title: "Display", status: "warn", detail: "no DISPLAY or WAYLAND_DISPLAY", fix: "Run inside a desktop session for clipboard watching, hotkeys and notifications, or use web mode (`codeconductor serve`) from a browser; for tests: `xvfb-run`." };
}
