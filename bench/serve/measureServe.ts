import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";

/** How a CLI process is started: the built JS (`bin/codeconductor.js`) or the sources through tsx. */
export type Launch = { label: string; args: string[] };

/** GET `url` with optional cookie: status, Set-Cookie, Location and body length. */
function get(url: string, cookie?: string): Promise<{ status: number; cookie?: string; location?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookie: res.headers["set-cookie"]?.[0]?.split(";")[0], location: res.headers.location, bytes }));
    });
    req.on("error", reject);
  });
}

/** Resident set size of `pid` in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Start `serve`, measure process start → first page (the token URL's redirect, then index.html with the
 * session cookie, as a browser does), then the RSS after `idleMs` of idling, then stop it with SIGINT.
 */
export async function measureServe(launch: Launch, dataDir: string, idleMs: number): Promise<{ firstPageMs: number; listeningMs: number; rssMb: number; pageBytes: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...launch.args, "serve", "--port", "0", "--json", "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line && out.includes("\n")) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.on("exit", (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr.slice(0, 500)}`)));
    });
    const listeningMs = performance.now() - t0;
    const hop = await get(url);
    const page = await get(new URL(hop.location ?? "/", url).href, hop.cookie);
    const firstPageMs = performance.now() - t0;
    if (page.status !== 200) throw new Error(`first page answered ${page.status}${page.bytes < 200 ? "" : ""}: is the UI built (npm run build)?`);
    await new Promise((r) => setTimeout(r, idleMs));
    return { firstPageMs, listeningMs, rssMb: rssMb(child.pid!), pageBytes: page.bytes };
  } finally {
    child.kill("SIGINT");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

/** Wall time (ms) of `codeconductor --version` through `launch`; checks that it printed the version. */
export function timeVersion(launch: Launch, expected: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...launch.args, "--version"], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.stdout.trim() !== expected) throw new Error(`--version printed ${JSON.stringify(r.stdout)} ${r.stderr.slice(0, 300)}`);
  return ms;
}
