// Electron's own installer (node_modules/electron/install.js) prints a raw stack when it cannot download the
// binary. Run it quietly and turn a failure into one line that says why. Plain Node, no dependencies.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** The first "SomethingError: message" line of the installer's output, else its first non-empty line. */
export function summarizeInstallError(output) {
  const lines = String(output).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const err = lines.map((l) => /^(?:\w*Error|Error)(?: \[\w+\])?: (.+)$/.exec(l)?.[1]).find(Boolean);
  // Newer installers use fetch(): "fetch failed" says little; its cause ("connect ECONNREFUSED …") says why.
  const cause = /\b(?:connect|getaddrinfo|read|write) E[A-Z]+\b[^\n'"}]*/.exec(String(output))?.[0]?.trim();
  const line = err && cause && !err.includes(cause) ? `${err}: ${cause}` : (err ?? cause ?? lines[0] ?? "no output");
  return line.slice(0, 200);
}

/** Run Electron's installer; `{ ok: true }` or `{ ok: false, reason }` with a one-line reason. */
export function fetchElectron(root, { timeoutMs = 180_000, env = process.env } = {}) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "electron", "install.js")], { cwd: root, env, encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] });
  if (r.status === 0) return { ok: true };
  if (r.error?.code === "ETIMEDOUT") return { ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` };
  const reason = summarizeInstallError(`${r.stderr ?? ""}\n${r.stdout ?? ""}`);
  // Electron ≥ 45's installer (fetch) prints only "fetch failed": say which host could not be reached.
  const host = (() => {
    try {
      return new URL(env.ELECTRON_MIRROR || "https://github.com/").host;
    } catch {
      return "github.com";
    }
  })();
  return { ok: false, reason: reason === "fetch failed" ? `fetch failed: could not reach ${host}` : reason };
}
