import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Desktop {
  display: string;
  /** Env for child processes: DISPLAY, DBUS_SESSION_BUS_ADDRESS, a private HOME for dunst. */
  env: NodeJS.ProcessEnv;
  /** Whether a notification daemon (dunst) owns org.freedesktop.Notifications on the private bus. */
  notificationDaemon: boolean;
  /** Notifications dunst has shown since it started, oldest first (closes the displayed ones into its history). */
  notifications(): Array<{ summary: string; body: string; appname: string }>;
  dispose(): Promise<void>;
}

const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** Whether this machine can run GUI tests (Xvfb installed). */
export function canRunDesktop(): boolean {
  return has("Xvfb") && has("xclip");
}

/**
 * A private X display (Xvfb, with RECORD for hotkeys), a D-Bus session and a notification daemon (dunst),
 * started and stopped by the test itself — backgrounded shell processes are not reaped on these machines.
 */
export async function startDesktop(): Promise<Desktop> {
  const children: ChildProcess[] = [];
  let n = 90 + Math.floor(Math.random() * 400);
  while (fs.existsSync(`/tmp/.X11-unix/X${n}`) || fs.existsSync(`/tmp/.X${n}-lock`)) n++;
  const display = `:${n}`;
  const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "+extension", "RECORD"], { stdio: "ignore" });
  children.push(xvfb);
  for (let i = 0; i < 100 && !fs.existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 50));
  if (!fs.existsSync(`/tmp/.X11-unix/X${n}`)) throw new Error("Xvfb did not start");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "cc-desktop-home-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display, HOME: home, XDG_RUNTIME_DIR: home };
  if (has("dbus-daemon")) {
    // --nofork keeps the daemon our child (a forked one would hold our pipe open and never be reaped).
    const dbus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { env, stdio: ["ignore", "pipe", "ignore"] });
    children.push(dbus);
    const address = await new Promise<string>((resolve) => {
      let buf = "";
      const t = setTimeout(() => resolve(""), 5000);
      dbus.stdout!.on("data", (c: Buffer) => {
        buf += c.toString();
        if (buf.includes("\n")) {
          clearTimeout(t);
          resolve(buf.split("\n")[0]!.trim());
        }
      });
    });
    if (address) env.DBUS_SESSION_BUS_ADDRESS = address;
  }
  let notificationDaemon = false;
  if (has("dunst") && env.DBUS_SESSION_BUS_ADDRESS) {
    children.push(spawn("dunst", [], { env, stdio: "ignore" }));
    notificationDaemon = await waitForBusName(env, "org.freedesktop.Notifications");
  }
  return {
    display,
    env,
    notificationDaemon,
    notifications: () => dunstHistory(env),
    dispose: async () => {
      for (const c of children.reverse()) {
        try {
          c.kill();
        } catch {
          // already gone
        }
      }
      await new Promise((r) => setTimeout(r, 50));
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

async function waitForBusName(env: NodeJS.ProcessEnv, name: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const r = spawnSync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", `string:${name}`], { env, encoding: "utf8" });
    if (r.stdout?.includes("boolean true")) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** dunst keeps closed notifications in its history; close the displayed ones first so every one is there. */
function dunstHistory(env: NodeJS.ProcessEnv): Array<{ summary: string; body: string; appname: string }> {
  for (let i = 0; i < 10; i++) {
    const shown = spawnSync("dunstctl", ["count", "displayed"], { env, encoding: "utf8" }).stdout.trim();
    const waiting = spawnSync("dunstctl", ["count", "waiting"], { env, encoding: "utf8" }).stdout.trim();
    if (shown === "0" && waiting === "0") break;
    spawnSync("dunstctl", ["close-all"], { env });
  }
  const r = spawnSync("dunstctl", ["history"], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`dunstctl history failed: ${r.stderr}`);
  type Field = { data: string };
  const parsed = JSON.parse(r.stdout) as { data: Array<Array<{ summary: Field; body: Field; appname: Field; id: { data: number } }>> };
  return (parsed.data[0] ?? [])
    .sort((a, b) => a.id.data - b.id.data)
    .map((n) => ({ summary: n.summary.data, body: n.body.data, appname: n.appname.data }));
}
