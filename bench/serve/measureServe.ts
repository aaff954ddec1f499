import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import WebSocket from "ws";

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

/** Open the page's WebSocket (cookie + Origin, as the browser does) and wait for `system.ping`'s answer. */
function firstRpc(origin: string, cookie: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace("http", "ws")}/rpc`, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } });
    ws.on("open", () => ws.send(JSON.stringify({ t: "call", id: 1, method: "system.ping", input: {} })));
    ws.on("message", (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { t: string; id: number };
      if (frame.id !== 1) return;
      ws.close();
      if (frame.t === "ok") resolve();
      else reject(new Error(`system.ping answered ${data.toString().slice(0, 200)}`));
    });
    ws.on("error", reject);
  });
}

/** Resident set size of `pid` in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system, ms) `pid` has used so far, from /proc (clock ticks of 10 ms on Linux). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Start `serve`, measure process start → first page (the token URL's redirect, then index.html with the
 * session cookie, as a browser does), → first RPC answered over the page's WebSocket, then the RSS after `idleMs` of idling, then stop it with SIGINT.
 */
export async function measureServe(launch: Launch, dataDir: string, idleMs: number): Promise<{ firstPageMs: number; listeningMs: number; engineReadyMs: number; rssMb: number; pageBytes: number; cpuMs: number }> {
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
    const cpu = cpuMs(child.pid!);
    if (page.status !== 200) throw new Error(`first page answered ${page.status}${page.bytes < 200 ? "" : ""}: is the UI built (npm run build)?`);
    // The page is served before the engine is up (runServe); the app is usable once its first call is answered.
    await firstRpc(new URL(url).origin, hop.cookie);
    const engineReadyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, idleMs));
    return { firstPageMs, listeningMs, engineReadyMs, rssMb: rssMb(child.pid!), pageBytes: page.bytes, cpuMs: cpu };
  } finally {
    child.kill("SIGINT");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Wall time (ms) of `node <args>` and, where /usr/bin/time exists, its CPU time (user + system; unlike the
 * wall time it does not grow with other processes' load). `expected`, when given, must be its stdout.
 */
export function timeNode(args: string[], expected?: string): { ms: number; cpuMs: number | null } {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ["-f", "cc-cpu %U %S", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (expected !== undefined && r.stdout.trim() !== expected) throw new Error(`node ${args.join(" ")} printed ${JSON.stringify(r.stdout)} ${r.stderr.slice(0, 300)}`);
  const m = /cc-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}
