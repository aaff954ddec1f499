import { globalShortcut } from "electron";
import type { HotkeyBinding, HotkeyRegistration, HotkeysPort } from "../../engine/ports.js";

/** Global hotkeys through Electron's globalShortcut; a combination another app holds is a failed binding. */
export function electronHotkeys(): HotkeysPort & { active(): number } {
  let active = 0;
  return {
    active: () => active,
    register: async (bindings, onPress) => {
      const registered: HotkeyBinding[] = [];
      const failed: HotkeyRegistration["failed"] = [];
      for (const b of bindings) {
        try {
          if (globalShortcut.isRegistered(b.accelerator)) failed.push({ ...b, reason: "already registered by this app" });
          else if (globalShortcut.register(b.accelerator, () => onPress(b.id))) registered.push(b);
          else failed.push({ ...b, reason: "taken by another application" });
        } catch (e) {
          failed.push({ ...b, reason: `invalid accelerator: ${(e as Error).message}` });
        }
      }
      active += registered.length;
      let disposed = false;
      return {
        backend: "globalShortcut",
        registered,
        failed,
        ...(registered.length ? {} : { reason: "no binding could be registered" }),
        dispose: () => {
          if (disposed) return;
          disposed = true;
          active -= registered.length;
          for (const b of registered) globalShortcut.unregister(b.accelerator);
        },
      };
    },
  };
}
