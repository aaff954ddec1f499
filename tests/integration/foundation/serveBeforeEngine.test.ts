import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { EventBus } from "../../../src/engine/util/EventBus.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import { RpcServer } from "../../../src/shared/rpc/RpcServer.js";

// Web mode listens before the engine has loaded (issue 13: first page ≤ 500 ms): the page must be served
// at once, and the page's WebSocket must wait for the engine, or be refused if the engine never comes.

let web: WebServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await web?.close();
  web = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function staticDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-early-"));
  dirs.push(d);
  fs.writeFileSync(path.join(d, "index.html"), "<!doctype html><title>shell</title>");
  return d;
}

function get(p: string, cookie?: string): Promise<{ status: number; cookie?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: web!.port, path: p, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookie: res.headers["set-cookie"]?.[0]?.split(";")[0], body }));
    });
    req.on("error", reject);
  });
}

async function signIn(): Promise<string> {
  const r = await get(`/?token=${new URL(web!.url).searchParams.get("token")}`);
  return r.cookie!;
}

/** Open the page's WebSocket and call system.ping; resolves with the answer frame or the refusal status. */
function ping(cookie: string): { opened: Promise<void>; answer: Promise<{ t: string } | { status: number }> } {
  const ws = new WebSocket(`ws://127.0.0.1:${web!.port}/rpc`, { headers: { Origin: web!.origin, Cookie: cookie } });
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const answer = new Promise<{ t: string } | { status: number }>((resolve, reject) => {
    ws.on("open", () => {
      opened();
      ws.send(JSON.stringify({ t: "call", id: 1, method: "system.ping", input: {} }));
    });
    ws.on("message", (d: Buffer) => {
      ws.close();
      resolve(JSON.parse(d.toString()) as { t: string });
    });
    ws.on("unexpected-response", (_q, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on("error", reject);
  });
  return { opened: openedP, answer };
}

const pingServer = (): RpcServer =>
  new RpcServer({ handlers: { "system.ping": async () => ({ pong: true as const, at: Date.now() }) }, topics: new EventBus() });

describe("web mode before the engine is ready", () => {
  it("serves the page while the engine is pending, and answers the page's first call once it is ready", async () => {
    let ready!: (r: RpcServer) => void;
    const rpc = new Promise<RpcServer>((r) => (ready = r));
    web = await startWebServer({ rpc, staticDir: staticDir() });
    const cookie = await signIn();
    const page = await get("/", cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>shell</title>");

    const call = ping(cookie);
    let settled = false;
    void call.answer.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(settled).toBe(false); // the WebSocket waits for the engine instead of failing

    ready(pingServer());
    await call.opened;
    expect(await call.answer).toMatchObject({ t: "ok", id: 1, output: { pong: true } });
  });

  it("refuses the WebSocket with 503 when the engine failed to start, and still serves the page", async () => {
    const rpc = Promise.reject(new Error("database is corrupt"));
    rpc.catch(() => {});
    web = await startWebServer({ rpc, staticDir: staticDir() });
    const cookie = await signIn();
    expect((await get("/", cookie)).status).toBe(200);
    expect(await ping(cookie).answer).toEqual({ status: 503 });
  });
});
