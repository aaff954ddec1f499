/** Where the clipboard lives for this process: an X11 or Wayland session, the OS itself, or nowhere. */
export type ClipboardSession =
  | { kind: "x11"; display: string }
  | { kind: "wayland"; display: string }
  | { kind: "native"; platform: NodeJS.Platform }
  | { kind: "none"; reason: string };

export function clipboardSession(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ClipboardSession {
  if (platform === "darwin" || platform === "win32") return { kind: "native", platform };
  if (env.WAYLAND_DISPLAY) return { kind: "wayland", display: env.WAYLAND_DISPLAY };
  if (env.DISPLAY) return { kind: "x11", display: env.DISPLAY };
  return { kind: "none", reason: "no display: DISPLAY and WAYLAND_DISPLAY are unset, so there is no desktop clipboard" };
}
