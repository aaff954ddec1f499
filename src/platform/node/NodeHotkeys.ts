import type { HotkeyBinding, HotkeyRegistration, HotkeysPort } from "../../engine/ports.js";
import { hotkeyBackendProblem } from "./hotkeyBackendProblem.js";
import { parseAccelerator, sameCombo, type KeyCombo } from "./parseAccelerator.js";
import { startUiohookChild, type UiohookChild } from "./startUiohookChild.js";

const none = (bindings: HotkeyBinding[], reason: string, failed: HotkeyRegistration["failed"] = []): HotkeyRegistration => ({
  backend: "none",
  registered: [],
  failed: failed.length ? failed : bindings.map((b) => ({ ...b, reason })),
  reason,
  dispose: () => {},
});

/**
 * Global hotkeys for the web and CLI shells: uiohook-napi in a child process (see uiohookChildScript), so a
 * missing display, a missing RECORD extension or a native abort ends the child, never the app.
 */
export class NodeHotkeys implements HotkeysPort {
  private active = new Set<UiohookChild>();
  /** What the newest registration got (for doctor), or why it stopped. */
  last: { backend: HotkeyRegistration["backend"]; registered: number; reason?: string; ended?: boolean } | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async register(bindings: HotkeyBinding[], onPress: (id: string) => void): Promise<HotkeyRegistration> {
    const problem = hotkeyBackendProblem(this.env);
    if (problem) return this.remember(none(bindings, problem));
    const wanted: Array<{ binding: HotkeyBinding; combo: KeyCombo }> = [];
    const failed: HotkeyRegistration["failed"] = [];
    for (const b of bindings) {
      const combo = parseAccelerator(b.accelerator);
      if ("error" in combo) failed.push({ ...b, reason: combo.error });
      else if (wanted.some((w) => sameCombo(w.combo, combo))) failed.push({ ...b, reason: `same keys as "${wanted.find((w) => sameCombo(w.combo, combo))!.binding.id}"` });
      else wanted.push({ binding: b, combo });
    }
    if (!wanted.length) return this.remember(none(bindings, "no valid key combination to register", failed));
    const started = await startUiohookChild(
      wanted.map((w) => w.combo),
      (k) => {
        const hit = wanted.find((w) => sameCombo(w.combo, k));
        if (hit) onPress(hit.binding.id);
      },
      (reason) => (this.last = { backend: "none", registered: 0, reason: `the hotkey process ended: ${reason}`, ended: true }),
      this.env,
    );
    if ("error" in started) return this.remember(none(bindings, started.error));
    this.active.add(started);
    return this.remember({
      backend: "uiohook",
      registered: wanted.map((w) => w.binding),
      failed,
      dispose: () => {
        started.stop();
        this.active.delete(started);
      },
    });
  }

  /** Whether uiohook can start here (doctor): the problem, or a brief run of the child without keys. */
  async probe(): Promise<{ ok: boolean; reason?: string }> {
    const problem = hotkeyBackendProblem(this.env);
    if (problem) return { ok: false, reason: problem };
    const started = await startUiohookChild([], () => {}, () => {}, this.env);
    if ("error" in started) return { ok: false, reason: started.error };
    started.stop();
    return { ok: true };
  }

  /** Release every registration's child process. Idempotent. */
  dispose(): void {
    for (const c of this.active) c.stop();
    this.active.clear();
  }

  private remember(r: HotkeyRegistration): HotkeyRegistration {
    this.last = { backend: r.backend, registered: r.registered.length, reason: r.reason };
    return r;
  }
}
