import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AppError, ErrorCode } from "../../../src/shared/contract/errors.js";
import type { Notice } from "../../../src/shared/contract/system.js";
import { RpcClient, RpcServer, createMemoryPair, type Connection, type ClientFrame, type ServerFrame, type Handlers } from "../../../src/shared/rpc/index.js";
import { EventBus } from "../../../src/engine/util/EventBus.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";

/** A controllable server: system.doctor blocks until its signal aborts (and records that). */
function makeServer(): { server: RpcServer; bus: EventBus; aborted: string[]; closed: string[] } {
  const bus = new EventBus();
  const aborted: string[] = [];
  const closed: string[] = [];
  const handlers: Partial<Handlers> = {
    "system.ping": async () => ({ pong: true, at: 1 }),
    "runs.cancel": async ({ runId }) => ({ cancelled: runId === "yes" }),
    "system.doctor": (_i, { signal, connectionId }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          aborted.push(connectionId);
          reject(signal.reason);
        });
      }),
    // Breaks its own output contract on purpose.
    "system.notices": async () => ({ notices: [{ bogus: true }] }) as never,
  };
  const server = new RpcServer({ handlers, topics: bus, onConnectionClosed: (id) => closed.push(id) });
  return { server, bus, aborted, closed };
}

const notice = (title: string): Notice => ({ level: "info", title, at: Date.now() });
const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function wsPair(server: RpcServer): Promise<{ client: RpcClient; web: WebServer }> {
  const web = await startWebServer({ rpc: server, staticDir: "/nonexistent" });
  // Sign in like a browser: token → cookie.
  const res = await fetch(web.url, { redirect: "manual" });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/rpc`, { headers: { Cookie: cookie, Origin: web.origin } });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const listeners = new Set<(f: ServerFrame) => void>();
  const closeL = new Set<() => void>();
  let closed = false;
  ws.on("message", (d) => listeners.forEach((l) => l(JSON.parse(d.toString()) as ServerFrame)));
  ws.on("close", () => {
    closed = true;
    closeL.forEach((l) => l());
  });
  const conn: Connection<ServerFrame, ClientFrame> = {
    get closed() {
      return closed;
    },
    send: (f) => ws.send(JSON.stringify(f)),
    onFrame: (l) => (listeners.add(l), () => listeners.delete(l)),
    onClose: (l) => (closeL.add(l), () => closeL.delete(l)),
    close: () => ws.close(),
  };
  return { client: new RpcClient(conn), web };
}

const transports = {
  memory: async (server: RpcServer) => {
    const pair = createMemoryPair();
    server.accept(pair.server);
    return { client: new RpcClient(pair.client), web: undefined as WebServer | undefined };
  },
  websocket: wsPair,
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

for (const [name, open] of Object.entries(transports)) {
  describe(`RPC over ${name}`, () => {
    async function setup() {
      const s = makeServer();
      const { client, web } = await open(s.server);
      cleanups.push(async () => {
        client.close();
        s.server.dispose();
        await web?.close();
      });
      return { ...s, client };
    }

    it("round-trips a call with validated input and output", async () => {
      const { client } = await setup();
      await expect(client.call("system.ping", {})).resolves.toEqual({ pong: true, at: 1 });
      await expect(client.call("runs.cancel", { runId: "yes" })).resolves.toEqual({ cancelled: true });
    });

    it("rejects invalid input with invalid_input naming the field", async () => {
      const { client } = await setup();
      const err = await client.call("runs.cancel", { runId: 42 } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe(ErrorCode.InvalidInput);
      expect((err as AppError).message).toContain("runId");
    });

    it("answers an unknown method with not_found", async () => {
      const { client } = await setup();
      const err = await client.call("nope.nothing" as never, {} as never).catch((e: unknown) => e);
      expect((err as AppError).code).toBe(ErrorCode.NotFound);
    });

    it("reports a handler that breaks the output contract as internal", async () => {
      const { client } = await setup();
      const err = await client.call("system.notices", {}).catch((e: unknown) => e);
      expect((err as AppError).code).toBe(ErrorCode.Internal);
    });

    it("cancel aborts the handler's signal", async () => {
      const { client, aborted } = await setup();
      const ac = new AbortController();
      const p = client.call("system.doctor", {}, { signal: ac.signal });
      await tick();
      ac.abort();
      await expect(p).rejects.toMatchObject({ code: ErrorCode.Cancelled });
      await tick(50);
      expect(aborted).toHaveLength(1);
    });

    it("delivers topic events until unsubscribed", async () => {
      const { client, bus } = await setup();
      const got: string[] = [];
      const off = await client.subscribe("system.notice", (n) => got.push(n.title));
      bus.publish("system.notice", notice("one"));
      await tick();
      off();
      await tick();
      bus.publish("system.notice", notice("two"));
      await tick(50);
      expect(got).toEqual(["one"]);
      expect(bus.listenerCount()).toBe(0);
    });

    it("closing the connection aborts in-flight calls and drops subscriptions", async () => {
      const { client, aborted, bus, closed } = await setup();
      await client.subscribe("system.notice", () => {});
      expect(bus.listenerCount()).toBe(1);
      const p = client.call("system.doctor", {});
      await tick();
      client.close();
      await expect(p).rejects.toMatchObject({ code: ErrorCode.Unavailable });
      for (let i = 0; i < 50 && closed.length === 0; i++) await tick();
      expect(closed).toHaveLength(1);
      expect(aborted).toHaveLength(1);
      expect(bus.listenerCount()).toBe(0);
    });
  });
}
