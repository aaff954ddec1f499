import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";
import type { HotkeyRegistration } from "../ports.js";

export type HotkeyAction = "copyPrompt" | "capture" | "approve" | "runTests" | "stop";
const ACTIONS: HotkeyAction[] = ["copyPrompt", "capture", "approve", "runTests", "stop"];

/**
 * The loop's global hotkeys, registered once through the shell's hotkey port (Electron globalShortcut, or
 * uiohook in a child process on X11) and released on dispose. Registration never throws; what failed is kept
 * for `conductor.status` and doctor.
 */
export class LoopHotkeys {
  private registration: Promise<HotkeyRegistration> | undefined;
  private current: HotkeyRegistration | undefined;
  private disposed = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly actions: Record<HotkeyAction, () => void>,
  ) {}

  /** Register the configured keys unless already done or turned off. */
  ensure(): Promise<HotkeyRegistration | undefined> {
    const hk = this.ctx.config.conductor.hotkeys;
    if (!hk.enabled || this.disposed) return Promise.resolve(undefined);
    this.registration ??= this.ctx.ports.hotkeys
      .register(
        ACTIONS.map((id) => ({ id, accelerator: hk[id] })),
        (id) => {
          this.ctx.logger.info({ hotkey: id }, "hotkey pressed");
          this.actions[id as HotkeyAction]?.();
        },
      )
      .then((r) => {
        if (this.disposed) r.dispose();
        this.current = r;
        for (const f of r.failed) this.ctx.logger.warn({ hotkey: f.id, accelerator: f.accelerator }, `hotkey not registered: ${f.reason}`);
        return r;
      });
    return this.registration;
  }

  status(): { backend: string; registered: Array<{ id: string; accelerator: string }>; failed: Array<{ id: string; accelerator: string; reason: string }>; reason?: string } {
    if (!this.ctx.config.conductor.hotkeys.enabled) return { backend: "none", registered: [], failed: [], reason: "turned off in settings (conductor.hotkeys.enabled)" };
    const r = this.current;
    if (!r) return { backend: "none", registered: [], failed: [], reason: "not registered yet (they register with the first loop run in the CLI)" };
    return { backend: r.backend, registered: r.registered, failed: r.failed, ...(r.reason ? { reason: r.reason } : {}) };
  }

  doctorCheck(): DoctorCheck {
    const s = this.status();
    if (s.backend !== "none" && !s.failed.length) return { id: "conductor.hotkeys", title: "Loop hotkeys", status: "ok", detail: `${s.backend}: ${s.registered.map((b) => b.accelerator).join(", ")}` };
    if (s.backend !== "none")
      return { id: "conductor.hotkeys", title: "Loop hotkeys", status: "warn", detail: `not registered: ${s.failed.map((f) => `${f.accelerator} (${f.reason})`).join("; ")}`, fix: "Choose other keys under Settings → conductor.hotkeys, or free them in the other application." };
    return { id: "conductor.hotkeys", title: "Loop hotkeys", status: "skip", detail: s.reason ?? "no hotkey backend" };
  }

  dispose(): void {
    this.disposed = true;
    this.current?.dispose();
  }
}
