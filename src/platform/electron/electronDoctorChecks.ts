import { Notification } from "electron";
import type { DoctorCheck } from "../../shared/contract/system.js";
import { clipboardSession } from "../common/clipboardSession.js";
import { clipboardWatchCheck } from "../common/clipboardWatchCheck.js";
import { displayCheck } from "../common/displayCheck.js";

/** The desktop shell's own checks: display, clipboard watching, hotkeys (globalShortcut), notifications. */
export async function electronDoctorChecks(o: { activeHotkeys: number; signal: AbortSignal }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const display = displayCheck();
  if (display) checks.push(display);
  checks.push(await clipboardWatchCheck(clipboardSession(), null, o.signal));
  const wayland = process.platform === "linux" && (process.env.WAYLAND_DISPLAY || process.env.XDG_SESSION_TYPE === "wayland");
  checks.push(
    wayland
      ? { id: "hotkeys", title: "Global hotkeys", status: "warn", detail: `globalShortcut under Wayland (${o.activeHotkeys} registered): keys reach the app only while an XWayland window has focus`, fix: "Use the in-app buttons, or run the desktop app in an X11 session." }
      : { id: "hotkeys", title: "Global hotkeys", status: "ok", detail: `Electron globalShortcut, ${o.activeHotkeys} registered` },
  );
  checks.push(
    Notification.isSupported()
      ? { id: "notifications", title: "OS notifications", status: "ok", detail: "Electron Notification" }
      : { id: "notifications", title: "OS notifications", status: "warn", detail: "not supported on this system", fix: "Toasts still show in the app; on Linux start a notification daemon." },
  );
  return checks;
}
