import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeClipboard } from "../../../src/platform/node/NodeClipboard.js";
import { NodeHotkeys } from "../../../src/platform/node/NodeHotkeys.js";
import { canRunDesktop, startDesktop, type Desktop } from "../../support/xvfb.js";

// The Node adapters against a real X server (Xvfb) with xclip; CI installs both (.ci/apt-packages.txt).
describe.runIf(canRunDesktop())("Node platform adapters under Xvfb", () => {
  let desktop: Desktop;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    desktop = await startDesktop();
    for (const k of ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"]) {
      saved[k] = process.env[k];
      process.env[k] = desktop.env[k];
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await desktop?.dispose();
  });

  it("writes and reads the clipboard", async () => {
    const cb = new NodeClipboard();
    await cb.writeText("hello ✓ from CodeConductor");
    await new Promise((r) => setTimeout(r, 100));
    expect(await cb.read({ maxBytes: 1000 })).toEqual({ kind: "text", text: "hello ✓ from CodeConductor", bytes: Buffer.byteLength("hello ✓ from CodeConductor") });
  });

  it("reports clipboard changes made by another program", async () => {
    const cb = new NodeClipboard();
    const seen: string[] = [];
    const watcher = cb.watch((c) => c.kind === "text" && seen.push(c.text), { maxBytes: 1000 });
    await new Promise((r) => setTimeout(r, 300));
    spawnSync("sh", ["-c", "printf 'from xclip' | xclip -selection clipboard -i"], { env: desktop.env, stdio: "ignore" }); // xclip stays to serve the selection: no pipes to wait on
    for (let i = 0; i < 40 && !seen.includes("from xclip"); i++) await new Promise((r) => setTimeout(r, 100));
    watcher.stop();
    expect(seen).toContain("from xclip");
    // Events come from clipboard-event's native helper, not the polling fallback.
    expect(watcher.status().mode).toBe("events");
  });

  it("probes the global-hotkey backend without crashing the process", async () => {
    const probe = await new NodeHotkeys().available();
    // Debian's Xvfb has RECORD: uiohook starts in the probe child.
    expect(probe).toEqual({ ok: true });
  });
});

describe("Node platform adapters without a display", () => {
  it("says why hotkeys are unavailable instead of aborting", async () => {
    const saved = process.env.DISPLAY;
    delete process.env.DISPLAY;
    try {
      const probe = await new NodeHotkeys().available();
      if (process.platform === "linux") expect(probe.ok).toBe(false);
      expect(probe.reason ?? "").toMatch(/display/i);
    } finally {
      if (saved !== undefined) process.env.DISPLAY = saved;
    }
  });
});
