import { execFile } from "node:child_process";
import { findExecutable } from "../../engine/util/findExecutable.js";
import type { DoctorCheck } from "../../shared/contract/system.js";

const title = "OS notifications";

function dbus(env: NodeJS.ProcessEnv, member: string, ...args: string[]): Promise<string | Error> {
  return new Promise((resolve) => {
    execFile("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", `org.freedesktop.DBus.${member}`, ...args], { env, timeout: 3000, encoding: "utf8" }, (err, stdout, stderr) =>
      resolve(err ? new Error((stderr || err.message).trim().split("\n")[0]!) : stdout),
    );
  });
}

/**
 * Doctor check `notifications` (Node shells): on Linux, notify-send must exist and a notification daemon must
 * own (or be able to start for) org.freedesktop.Notifications on the session bus; `lastFailure` is what the
 * last notification got.
 */
export async function notificationsCheck(lastFailure: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<DoctorCheck> {
  const recent = lastFailure ? ` (last notification failed: ${lastFailure})` : "";
  if (process.platform !== "linux") return { id: "notifications", title, status: lastFailure ? "warn" : "ok", detail: `node-notifier (${process.platform})${recent}`, ...(lastFailure ? { fix: "Allow notifications for your terminal in the OS settings." } : {}) };
  if (!findExecutable("notify-send", env.PATH)) return { id: "notifications", title, status: "warn", detail: "notify-send is not installed", fix: "apt install libnotify-bin; toasts still show in the app." };
  if (!findExecutable("dbus-send", env.PATH)) return { id: "notifications", title, status: "ok", detail: `notify-send present; daemon not checked (no dbus-send)${recent}` };
  const owner = await dbus(env, "NameHasOwner", "string:org.freedesktop.Notifications");
  if (owner instanceof Error) return { id: "notifications", title, status: "warn", detail: `no D-Bus session bus: ${owner.message}`, fix: "Run inside a desktop session (DBUS_SESSION_BUS_ADDRESS); toasts still show in the app." };
  if (owner.includes("boolean true")) return { id: "notifications", title, status: lastFailure ? "warn" : "ok", detail: `notification daemon on the session bus${recent}`, ...(lastFailure ? { fix: "See the failure above; toasts still show in the app." } : {}) };
  const activatable = await dbus(env, "ListActivatableNames");
  if (typeof activatable === "string" && activatable.includes('"org.freedesktop.Notifications"')) return { id: "notifications", title, status: "ok", detail: `notification daemon starts on demand${recent}` };
  return { id: "notifications", title, status: "warn", detail: "no notification daemon on the session bus", fix: "Start one (your desktop's, or dunst/mako); toasts still show in the app." };
}
