import { spawnSync } from "node:child_process";

/**
 * Why uiohook cannot hold global hotkeys in this session, or null when it may try.
 * - Wayland: compositors do not let a client see other clients' keys (by design); uiohook would only hear
 *   XWayland windows, so hotkeys would work in some apps and silently not in others. Never there.
 * - X11 without DISPLAY: nothing to hook.
 * - macOS: the hook needs the Accessibility permission; without it the OS drops every event (and may prompt
 *   at a random moment), so check first. Not testable on this project's Linux CI.
 */
export function hotkeyBackendProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === "linux") {
    if (env.WAYLAND_DISPLAY || env.XDG_SESSION_TYPE === "wayland")
      return "Wayland session: the compositor does not let applications watch global keys (uiohook would only see XWayland windows). Use the desktop app, whose shortcuts go through the compositor, or the in-app buttons.";
    if (!env.DISPLAY) return "no X display (DISPLAY unset): global hotkeys need an X11 session";
    return null;
  }
  if (platform === "darwin") {
    const r = spawnSync("osascript", ["-l", "JavaScript", "-e", 'ObjC.import("ApplicationServices"); $.AXIsProcessTrusted()'], { encoding: "utf8", timeout: 5000 });
    if (r.stdout?.trim() !== "true")
      return "macOS Accessibility permission missing: allow your terminal (or CodeConductor) in System Settings → Privacy & Security → Accessibility, then restart it.";
    return null;
  }
  return platform === "win32" ? null : `no global-hotkey backend on ${platform}`;
}
