import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { EventBus } from "../../../src/engine/util/EventBus.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import { RpcServer } from "../../../src/shared/rpc/RpcServer.js";

let web: WebServer;
let staticDir: string;
let secretOutside: string;

function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: web.port, path: p, method: "GET", headers: { Host: `127.0.0.1:${web.port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Send a hand-written request (Node's client always fills in Host). */
function rawStatus(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(web.port, "127.0.0.1", () => sock.write(request));
    let data = "";
    sock.on("data", (c: Buffer) => (data += c.toString()));
    sock.on("end", () => resolve(Number(/^HTTP\/1\.\d (\d{3})/.exec(data)?.[1] ?? 0)));
    sock.on("error", reject);
  });
}

function wsStatus(headers: Record<string, string>, p = "/rpc"): Promise<number | "open"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}${p}`, { headers });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(0));
  });
}

async function sessionCookie(): Promise<string> {
  const token = new URL(web.url).searchParams.get("token")!;
  const r = await get(`/?token=${token}`);
  return (r.headers["set-cookie"]![0] ?? "").split(";")[0]!;
}

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-static-"));
  fs.writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>ok</title>");
  secretOutside = path.join(path.dirname(staticDir), `secret-${process.pid}.txt`);
  fs.writeFileSync(secretOutside, "TOP SECRET");
  web = await startWebServer({ rpc: new RpcServer({ handlers: {}, topics: new EventBus() }), staticDir });
});
afterAll(async () => {
  await web.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
  fs.rmSync(secretOutside, { force: true });
});

describe("web mode security", () => {
  it("listens on 127.0.0.1 and prints a URL with a 256-bit token", () => {
    const u = new URL(web.url);
    expect(u.hostname).toBe("127.0.0.1");
    expect(Buffer.from(u.searchParams.get("token")!, "base64url")).toHaveLength(32);
  });

  it("refuses a wrong or empty Host before anything else (DNS rebinding)", async () => {
    expect((await get("/", { Host: "evil.example:80" })).status).toBe(403);
    expect((await get("/", { Host: `evil.example:${web.port}` })).status).toBe(403);
    expect(await rawStatus("GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n")).toBe(403);
    expect(await rawStatus("GET / HTTP/1.0\r\n\r\n")).toBe(403); // no Host at all
    expect((await get("/", { Host: "127.0.0.1" })).status).toBe(403); // port must match exactly
    const token = new URL(web.url).searchParams.get("token")!;
    expect((await get(`/?token=${token}`, { Host: "attacker.test" })).status).toBe(403);
  });

  it("answers 401 without a session and for a wrong token", async () => {
    expect((await get("/")).status).toBe(401);
    expect((await get("/?token=")).status).toBe(401);
    const stale = await get("/?token=AAAA");
    expect(stale.status).toBe(401);
    expect(stale.body).toContain("To get a fresh URL: look at the terminal where `codeconductor serve`");
    expect((await get("/", { Cookie: "cc_session=forged" })).status).toBe(401);
  });

  it("sends a signed-in browser that opens a stale token link to the page instead of refusing it", async () => {
    const r = await get("/?token=AAAA", { Cookie: await sessionCookie() });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe("/");
    expect(r.headers["set-cookie"]).toBeUndefined();
  });

  it("exchanges the token for an HttpOnly SameSite=Strict cookie and serves the page with a CSP", async () => {
    const token = new URL(web.url).searchParams.get("token")!;
    const r = await get(`/?token=${token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe("/");
    const cookie = r.headers["set-cookie"]![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const page = await get("/", { Cookie: cookie.split(";")[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>ok</title>");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("accepts localhost and [::1] with the right port as Host", async () => {
    const c = await sessionCookie();
    expect((await get("/", { Host: `localhost:${web.port}`, Cookie: c })).status).toBe(200);
    expect((await get("/", { Host: `[::1]:${web.port}`, Cookie: c })).status).toBe(200);
  });

  it("does not serve files outside the static folder", async () => {
    const c = await sessionCookie();
    const name = path.basename(secretOutside);
    for (const p of [`/../${name}`, `/%2e%2e/${name}`, `/..%2f${name}`, `/%2e%2e%2f${name}`]) {
      const r = await get(p, { Cookie: c });
      expect(r.body).not.toContain("TOP SECRET");
    }
  });

  it("refuses WebSocket upgrades from a foreign Origin, without a session, or on other paths", async () => {
    const c = await sessionCookie();
    expect(await wsStatus({ Cookie: c, Origin: web.origin })).toBe("open");
    expect(await wsStatus({ Cookie: c, Origin: "http://evil.example" })).toBe(403);
    expect(await wsStatus({ Cookie: c })).toBe(403);
    expect(await wsStatus({ Origin: web.origin })).toBe(401);
    expect(await wsStatus({ Cookie: c, Origin: web.origin, Host: "evil.example" })).toBe(403);
    expect(await wsStatus({ Cookie: c, Origin: web.origin }, "/other")).toBe(404);
  });
});
