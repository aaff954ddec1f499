import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Desktop {
  display: string;
  /** Env for child processes: DISPLAY, DBUS_SESSION_BUS_ADDRESS, a private HOME for dunst. */
  env: NodeJS.ProcessEnv;
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
  if (has("dunst") && env.DBUS_SESSION_BUS_ADDRESS) children.push(spawn("dunst", [], { env, stdio: "ignore" }));
  return {
    display,
    env,
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
