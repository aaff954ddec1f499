import type { DoctorCheck } from "../../shared/contract/system.js";
import { clipboardWatchCheck } from "../common/clipboardWatchCheck.js";
import { displayCheck } from "../common/displayCheck.js";
import { AppError } from "../../shared/contract/errors.js";
import { clipboardCommands } from "../common/clipboardCommands.js";
import { electronBinaryCheck } from "./electronBinaryCheck.js";
import type { NodeHotkeys } from "./NodeHotkeys.js";
import { notificationsCheck } from "./notificationsCheck.js";

/** The web/CLI shells' own checks: display, clipboard (tool and watching), hotkeys, notifications, Electron. */
export async function nodeDoctorChecks(o: { hotkeys: NodeHotkeys; lastNotifyFailure: string | undefined; env: NodeJS.ProcessEnv; signal: AbortSignal }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const display = displayCheck(o.env);
  if (display) checks.push(display);
  const cmds = clipboardCommands(o.env);
  checks.push(
    cmds instanceof AppError
      ? { id: "clipboard-tool", title: "Clipboard access", status: "warn", detail: cmds.message, fix: "Paste answers into the app instead, or fix what the message names." }
      : { id: "clipboard-tool", title: "Clipboard access", status: "ok", detail: `${cmds.read[0]} ${cmds.read[1].join(" ")}` },
  );
  checks.push(await clipboardWatchCheck(cmds instanceof AppError ? { kind: "none", reason: cmds.message } : cmds.session, cmds instanceof AppError ? cmds.message : null, o.signal, o.env));
  checks.push(await hotkeysCheck(o.hotkeys));
  checks.push(await notificationsCheck(o.lastNotifyFailure, o.env));
  checks.push(electronBinaryCheck());
  return checks;
}

async function hotkeysCheck(hotkeys: NodeHotkeys): Promise<DoctorCheck> {
  const title = "Global hotkeys";
  const fix = "Hotkeys need an X11 session with the RECORD extension (or the desktop app); the in-app buttons do the same.";
  if (hotkeys.last?.backend === "uiohook") return { id: "hotkeys", title, status: "ok", detail: `uiohook-napi in a child process, ${hotkeys.last.registered} key(s) registered` };
  if (hotkeys.last?.ended) return { id: "hotkeys", title, status: "warn", detail: hotkeys.last.reason ?? "the hotkey process ended", fix };
  const probe = await hotkeys.probe();
  return probe.ok ? { id: "hotkeys", title, status: "ok", detail: "uiohook-napi available (runs in a child process)" } : { id: "hotkeys", title, status: "warn", detail: `none: ${probe.reason}`, fix };
}
