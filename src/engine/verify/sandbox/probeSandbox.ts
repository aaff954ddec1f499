import { execFile } from "node:child_process";
import { findExecutable } from "../../util/findExecutable.js";

export interface SandboxProbe {
  available: boolean;
  bwrap: string | null;
  version: string | null;
  /** bwrap ≥ 0.8 knows --disable-userns. */
  canDisableUserns: boolean;
  /** bwrap ≥ 0.8 sizes a tmpfs (--size): the private /tmp gets a cap. */
  canSizeTmpfs: boolean;
  prlimit: string | null;
  /** util-linux setpriv: a root-run app starts sandboxed tests through it as an unprivileged uid. */
  setpriv: string | null;
  /** Human explanation (why not, or what works). */
  detail: string;
}

const cache = new Map<string, Promise<SandboxProbe>>();

function run(file: string, args: string[], signal?: AbortSignal): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000, signal, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const code: unknown = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === "number" ? code : 1, out: `${stdout}${stderr}`.trim() });
    });
  });
}

/**
 * Whether bubblewrap can build the sandbox here: found, and a trivial sandbox with a new user namespace starts
 * (user namespaces can be disabled by sysctl or AppArmor — then bwrap exists but cannot work). Cached per path.
 */
export function probeSandbox(bwrapName: string, signal?: AbortSignal): Promise<SandboxProbe> {
  let p = cache.get(bwrapName);
  if (!p) {
    p = doProbe(bwrapName, signal);
    cache.set(bwrapName, p);
  }
  return p;
}

async function doProbe(bwrapName: string, signal?: AbortSignal): Promise<SandboxProbe> {
  const prlimit = findExecutable("prlimit");
  const setpriv = findExecutable("setpriv");
  const bwrap = process.platform === "linux" ? findExecutable(bwrapName) : null;
  const none = (detail: string): SandboxProbe => ({ available: false, bwrap, version: null, canDisableUserns: false, canSizeTmpfs: false, prlimit, setpriv, detail });
  if (process.platform !== "linux") return none(`no sandbox on ${process.platform}: bubblewrap is Linux-only`);
  if (!bwrap) return none(`bubblewrap (${bwrapName}) is not installed`);
  const ver = await run(bwrap, ["--version"], signal);
  const version = /(\d+\.\d+(?:\.\d+)?)/.exec(ver.out)?.[1] ?? null;
  const trial = await run(
    bwrap,
    ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", "/bin/sh", "-c", "exit 0"],
    signal,
  );
  if (trial.code !== 0) return { ...none(`bubblewrap ${version ?? "?"} is installed but cannot create a sandbox: ${trial.out.split("\n")[0] ?? "unknown error"}`), version };
  const [maj = 0, min = 0] = (version ?? "0.0").split(".").map(Number);
  return { available: true, bwrap, version, canDisableUserns: maj > 0 || min >= 8, canSizeTmpfs: maj > 0 || min >= 8, prlimit, setpriv, detail: `bubblewrap ${version ?? "?"} works (user, pid, net, ipc namespaces)` };
}
