import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClipboardContent, ClipboardWatchStatus } from "../../../src/engine/ports.js";
import { createNodePorts } from "../../../src/platform/node/createNodePorts.js";
import { NodeClipboard } from "../../../src/platform/node/NodeClipboard.js";
import { NodeHotkeys } from "../../../src/platform/node/NodeHotkeys.js";
import { NodeNotifications } from "../../../src/platform/node/NodeNotifications.js";
import { canRunDesktop, startDesktop, type Desktop } from "../../support/xvfb.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (let t = 0; t < ms && !cond(); t += 50) await sleep(50);
}

/** Put bytes on the CLIPBOARD selection with xclip, as another program would (xclip stays to serve it). */
function xclipIn(env: NodeJS.ProcessEnv, data: Buffer | string): void {
  const file = path.join(os.tmpdir(), `cc-clip-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, data);
  spawnSync("sh", ["-c", `xclip -selection clipboard -i < '${file}'`], { env, stdio: "ignore" });
  fs.rmSync(file, { force: true });
}

/** Our child processes running `name` (the watcher's helper, the hotkey child). */
function childPids(match: RegExp): number[] {
  const out = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" }).stdout;
  return out
    .split("\n")
    .filter((l) => match.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

// The Node adapters against a real X server (Xvfb), xclip, xdotool, a private D-Bus session and dunst.
describe.runIf(canRunDesktop())("Node platform adapters under Xvfb", () => {
  let desktop: Desktop;
  beforeAll(async () => {
    desktop = await startDesktop();
  });
  afterAll(async () => {
    await desktop?.dispose();
  });

  it("writes and reads the clipboard", async () => {
    const cb = new NodeClipboard(desktop.env);
    await cb.writeText("hello ✓ from CodeConductor");
    expect(await cb.read({ maxBytes: 1000 })).toEqual({ kind: "text", text: "hello ✓ from CodeConductor", bytes: Buffer.byteLength("hello ✓ from CodeConductor") });
  });

  it("detects a copy by another program through the helper's change events", async () => {
    const cb = new NodeClipboard(desktop.env);
    const seen: string[] = [];
    const statuses: ClipboardWatchStatus[] = [];
    const watcher = cb.watch((c) => c.kind === "text" && seen.push(c.text), { maxBytes: 1000, onStatus: (s) => statuses.push(s) });
    await sleep(300);
    xclipIn(desktop.env, "from xclip");
    await until(() => seen.includes("from xclip"));
    watcher.stop();
    expect(seen).toContain("from xclip");
    expect(watcher.status()).toEqual({ mode: "events" });
    expect(statuses).toEqual([{ mode: "events" }]);
  });

  it("the clipboard helper dies with its app, even when the app is killed with SIGKILL", async () => {
    const src = path.resolve(import.meta.dirname, "../../../src/platform/node/NodeClipboard.ts");
    const app = spawn(process.execPath, ["--import", "tsx", "-e", `const { NodeClipboard } = await import(${JSON.stringify(src)}); new NodeClipboard(process.env).watch(() => {}, { maxBytes: 1000 }); setInterval(() => {}, 1000);`], { env: desktop.env, stdio: "ignore" });
    const helperOf = (ppid: number): number | undefined => {
      const out = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(ppid)], { encoding: "utf8" }).stdout;
      const line = out.split("\n").find((l) => /clipboard-event-handler-linux/.test(l));
      return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
    };
    let helper: number | undefined;
    for (let t = 0; t < 15_000 && !helper; t += 100, await sleep(100)) helper = helperOf(app.pid!);
    expect(helper, "the app started its clipboard helper").toBeGreaterThan(0);
    app.kill("SIGKILL");
    const alive = (pid: number): boolean => spawnSync("kill", ["-0", String(pid)]).status === 0;
    await until(() => !alive(helper!), 5000);
    expect(alive(helper!)).toBe(false);
  });

  it("falls back to polling when the helper dies, says so, and still detects copies", async () => {
    const cb = new NodeClipboard(desktop.env);
    const seen: string[] = [];
    const statuses: ClipboardWatchStatus[] = [];
    const before = new Set(childPids(/clipboard-event-handler-linux/));
    const watcher = cb.watch((c) => c.kind === "text" && seen.push(c.text), { maxBytes: 1000, onStatus: (s) => statuses.push(s) });
    await sleep(300);
    const helpers = childPids(/clipboard-event-handler-linux/).filter((p) => !before.has(p));
    expect(helpers).toHaveLength(1);
    process.kill(helpers[0]!, "SIGKILL");
    await until(() => statuses.some((s) => s.mode === "polling"));
    xclipIn(desktop.env, "after the helper died");
    await until(() => seen.includes("after the helper died"));
    watcher.stop();
    expect(watcher.status().mode).toBe("polling");
    expect(statuses.at(-1)).toEqual({ mode: "polling", reason: expect.stringMatching(/helper exited \(SIGKILL\).*polling every 500 ms/) });
    expect(seen).toContain("after the helper died");
  });

  it("refuses a 50 MB clipboard as too large, naming its size and the limit", async () => {
    xclipIn(desktop.env, Buffer.alloc(50 * 1024 * 1024, "a"));
    const cb = new NodeClipboard(desktop.env);
    const got = await cb.read({ maxBytes: 4 * 1024 * 1024 });
    expect(got).toMatchObject({ kind: "refused", reason: "too-large", message: expect.stringMatching(/^too large: (over )?\d+(\.\d)? MB \(limit 4\.0 MB\)$/) });
    expect((got as { bytes: number }).bytes).toBeGreaterThan(4 * 1024 * 1024);
    // The reader was killed at the cap: no xclip of ours is left reading the rest.
    await until(() => childPids(/xclip .*-o/).length === 0, 2000);
    expect(childPids(/xclip .*-o/)).toEqual([]);
  });

  it("reports an oversized copy to a watcher as refused, not as text", async () => {
    const cb = new NodeClipboard(desktop.env);
    const seen: ClipboardContent[] = [];
    const watcher = cb.watch((c) => seen.push(c), { maxBytes: 1024 });
    await sleep(300);
    xclipIn(desktop.env, "x".repeat(5000));
    await until(() => seen.length > 0);
    watcher.stop();
    expect(seen[0]).toMatchObject({ kind: "refused", reason: "too-large" });
  });

  it("refuses binary bytes and invalid UTF-8 with their reasons", async () => {
    const cb = new NodeClipboard(desktop.env);
    xclipIn(desktop.env, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    expect(await cb.read({ maxBytes: 1000 })).toMatchObject({ kind: "refused", reason: "binary", bytes: 7 });
    xclipIn(desktop.env, Buffer.from([0x61, 0xff, 0xfe, 0x62]));
    expect(await cb.read({ maxBytes: 1000 })).toMatchObject({ kind: "refused", reason: "not-utf8", bytes: 4 });
  });

  it("names the missing clipboard tool when the display is there but xclip is not", async () => {
    const cb = new NodeClipboard({ ...desktop.env, PATH: "/nonexistent" });
    await expect(cb.writeText("x")).rejects.toThrow(/xclip is not installed/);
    await expect(cb.writeText("x")).rejects.not.toThrow(/no display/i);
  });

  it("calls onPress with the binding's id when its global hotkey is pressed, and only then; dispose ends the child", async () => {
    const before = new Set(childPids(/ -e /));
    const hotkeys = new NodeHotkeys(desktop.env);
    const pressed: string[] = [];
    const reg = await hotkeys.register(
      [
        { id: "copy-prompt", accelerator: "Control+Alt+Shift+P" },
        { id: "stop", accelerator: "Control+Alt+Shift+S" },
        { id: "bad", accelerator: "Control+Nope" },
      ],
      (id) => pressed.push(id),
    );
    const kids = childPids(/ -e /).filter((p) => !before.has(p));
    try {
      expect(kids).toHaveLength(1);
      expect(reg).toMatchObject({ backend: "uiohook", registered: [{ id: "copy-prompt" }, { id: "stop" }], failed: [{ id: "bad", reason: expect.stringMatching(/unknown key/) }] });
      spawnSync("xdotool", ["key", "shift+p"], { env: desktop.env });
      spawnSync("xdotool", ["key", "ctrl+alt+shift+p"], { env: desktop.env });
      await until(() => pressed.length > 0, 5000);
      await sleep(300);
      expect(pressed).toEqual(["copy-prompt"]);
    } finally {
      reg.dispose();
    }
    const alive = (pid: number): boolean => childPids(/./).includes(pid);
    await until(() => !alive(kids[0]!), 3000);
    expect(alive(kids[0]!)).toBe(false);
  });

  it("survives uiohook's native abort on an unreachable display and reports why", async () => {
    const reg = await new NodeHotkeys({ ...desktop.env, DISPLAY: ":31999" }).register([{ id: "stop", accelerator: "Control+Alt+Shift+S" }], () => {});
    expect(reg).toMatchObject({ backend: "none", registered: [], reason: expect.stringMatching(/uiohook could not run/) });
    expect(reg.failed.map((f) => f.id)).toEqual(["stop"]);
  });

  it("shows a node-notifier notification in the daemon's history", async () => {
    expect(desktop.notificationDaemon).toBe(true);
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = desktop.env.DBUS_SESSION_BUS_ADDRESS; // node-notifier runs notify-send with process.env
    try {
      const r = await new NodeNotifications().notify({ title: "Tests passed", message: "reward 1.00 (3/3)" });
      expect(r).toEqual({ shown: true });
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
    await until(() => desktop.notifications().some((n) => n.summary === "Tests passed"), 5000);
    expect(desktop.notifications()).toContainEqual(expect.objectContaining({ summary: "Tests passed", body: "reward 1.00 (3/3)" }));
  });

  it("reports the shell's desktop integration in doctor: display, clipboard events, hotkeys, notifications", async () => {
    const ports = createNodePorts(fs.mkdtempSync(path.join(os.tmpdir(), "cc-ports-")), "cli", desktop.env);
    const checks = await ports.doctor(new AbortController().signal);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId.display).toMatchObject({ status: "ok", detail: `X11 ${desktop.display}` });
    expect(byId["clipboard-tool"]).toMatchObject({ status: "ok", detail: expect.stringContaining("xclip") });
    expect(byId.clipboard).toMatchObject({ status: "ok", detail: expect.stringMatching(/change events from .*clipboard-event-handler-linux/) });
    expect(byId.hotkeys).toMatchObject({ status: "ok", detail: expect.stringContaining("uiohook") });
    expect(byId.notifications).toMatchObject({ status: "ok", detail: expect.stringContaining("notification daemon") });
    expect(byId.electron).toBeDefined();
  });
});

describe("Node platform adapters without a display", () => {
  const headless: NodeJS.ProcessEnv = { ...process.env, DISPLAY: "", WAYLAND_DISPLAY: "", DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus" };
  delete headless.DISPLAY;
  delete headless.WAYLAND_DISPLAY;

  it.runIf(process.platform === "linux")("register returns no backend with the reason, and the process lives on", async () => {
    const reg = await new NodeHotkeys(headless).register([{ id: "approve", accelerator: "Control+Alt+Shift+A" }], () => {});
    expect(reg).toMatchObject({ backend: "none", registered: [], reason: expect.stringMatching(/no X display/) });
    expect(reg.failed).toEqual([{ id: "approve", accelerator: "Control+Alt+Shift+A", reason: expect.stringMatching(/no X display/) }]);
    reg.dispose();
    expect(process.exitCode ?? 0).toBe(0);
  });

  it.runIf(process.platform === "linux")("says the display is missing (not the tool) when writing fails", async () => {
    await expect(new NodeClipboard(headless).writeText("x")).rejects.toThrow(/no display/i);
    await expect(new NodeClipboard(headless).writeText("x")).rejects.not.toThrow(/xclip/);
  });

  it.runIf(process.platform === "linux")("marks clipboard watching unavailable with the reason", async () => {
    const statuses: ClipboardWatchStatus[] = [];
    const w = new NodeClipboard(headless).watch(() => {}, { maxBytes: 100, onStatus: (s) => statuses.push(s) });
    await sleep(50);
    w.stop();
    expect(w.status()).toEqual({ mode: "unavailable", reason: expect.stringMatching(/no display/) });
    expect(statuses).toEqual([w.status()]);
  });

  it.runIf(process.platform === "linux")("a notification without a D-Bus session resolves as not shown, with the reason", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus" });
    delete process.env.DISPLAY;
    try {
      const r = await new NodeNotifications().notify({ title: "nobody listens" });
      expect(r).toEqual({ shown: false, reason: expect.any(String) });
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it.runIf(process.platform === "linux")("doctor explains each missing piece", async () => {
    const checks = await createNodePorts(os.tmpdir(), "cli", headless).doctor(new AbortController().signal);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId.display).toMatchObject({ status: "warn" });
    expect(byId.clipboard).toMatchObject({ status: "warn", detail: expect.stringMatching(/^unavailable: .*no display/) });
    expect(byId.hotkeys).toMatchObject({ status: "warn", detail: expect.stringMatching(/no X display/) });
    expect(byId.notifications).toMatchObject({ status: "warn" });
    for (const c of checks.filter((c) => c.status !== "ok")) expect(c.fix).toBeTruthy();
  });
});
