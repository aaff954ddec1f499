import { spawnSync } from "node:child_process";
import type { HotkeyBinding, HotkeyRegistration, HotkeysPort } from "../../engine/ports.js";

/**
 * Global hotkeys for Node shells through uiohook-napi. On Linux its `start()` aborts the whole process
 * without an X display with RECORD, so availability is probed in a child process first.
 */
export class NodeHotkeys implements HotkeysPort {
  private probe: { ok: boolean; reason?: string } | undefined;

  async available(): Promise<{ ok: boolean; reason?: string }> {
    if (this.probe) return this.probe;
    if (process.platform === "linux" && !process.env.DISPLAY) return (this.probe = { ok: false, reason: "no X display (DISPLAY unset)" });
    const r = spawnSync(process.execPath, ["-e", "const {uIOhook}=require('uiohook-napi');uIOhook.start();setTimeout(()=>{uIOhook.stop();process.exit(0)},100)"], {
      timeout: 5000,
      encoding: "utf8",
    });
    this.probe = r.status === 0 ? { ok: true } : { ok: false, reason: `uiohook could not start (${r.signal ?? `exit ${r.status}`}): ${(r.stderr ?? "").trim().slice(0, 160) || "X RECORD extension missing?"}` };
    return this.probe;
  }

  async register(bindings: HotkeyBinding[], onPress: (id: string) => void): Promise<HotkeyRegistration> {
    void onPress;
    return { backend: "none", registered: [], failed: bindings.map((b) => ({ ...b, reason: "not implemented yet" })), reason: "not implemented yet", dispose: () => {} };
  }
}
