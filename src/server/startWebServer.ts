import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { RpcServer } from "../shared/rpc/RpcServer.js";
import { securityHeaders } from "./securityHeaders.js";
import { serveStatic } from "./serveStatic.js";
import { SessionGuard } from "./sessionGuard.js";
import { wsConnection } from "./wsConnection.js";

export interface WebServer {
  /** Open this once: it carries the launch token, which the page exchanges for a cookie. */
  url: string;
  origin: string;
  port: number;
  /** Stop accepting, close sockets. Idempotent. */
  close(): Promise<void>;
}

export interface MetricsSource {
  contentType: string;
  text(): Promise<string>;
}

export interface StartWebServerOptions {
  /**
   * A promise while the engine is still starting: the page is served at once and each WebSocket waits for
   * it (web mode's first page does not wait for the engine; see runServe). A rejected promise refuses them.
   */
  rpc: RpcServer | Promise<RpcServer>;
  /** Built renderer (index.html + assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest accepted WebSocket frame in bytes. Defaults to 8 MiB. */
  maxFrameBytes?: number;
  /** Serve Prometheus text at `/metrics` (opt-in). Behind the Host check, not the session: scrapers have no cookie. */
  metrics?: MetricsSource | Promise<MetricsSource>;
}

/**
 * Web mode: the same UI and contract as the desktop app, for a browser on this machine only. Binds
 * 127.0.0.1; checks Host before routing, then the session; WebSockets also need the same Origin.
 */
const STALE_TOKEN = [
  "This link's token is not valid for the running server: each launch of CodeConductor's web mode makes a new one.",
  "",
  "To get a fresh URL: look at the terminal where `codeconductor serve` (or `npm run app`) is running — it printed the",
  "current URL at start — or stop it and start it again, then open the URL it prints (`--open` opens it for you).",
].join("\n");

export async function startWebServer(options: StartWebServerOptions): Promise<WebServer> {
  const guard = new SessionGuard();
  const headers = securityHeaders();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 8 * 1024 * 1024 });

  const server = http.createServer((req, res) => {
    if (!guard.hostAllowed(req)) {
      res.writeHead(403, { ...headers, "Content-Type": "text/plain" }).end("Forbidden host");
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, Allow: "GET, HEAD" }).end();
      return;
    }
    if (url.pathname === "/metrics") {
      if (!options.metrics) {
        res.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end("Metrics are off (serve --metrics, or insight.metrics.enabled)");
        return;
      }
      const source = Promise.resolve(options.metrics);
      source.then(async (m) => ({ body: await m.text(), type: m.contentType })).then(
        ({ body, type }) => res.writeHead(200, { ...headers, "Content-Type": type }).end(body),
        () => res.writeHead(500, { ...headers, "Content-Type": "text/plain" }).end("metrics failed"),
      );
      return;
    }
    const token = url.searchParams.get("token");
    if (token !== null) {
      if (!guard.tokenValid(token)) {
        // An old link (a bookmark, or from an earlier launch): already signed in, just drop it; else say how to get a fresh one.
        if (guard.hasSession(req)) res.writeHead(303, { ...headers, Location: url.pathname }).end();
        else res.writeHead(401, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(STALE_TOKEN);
        return;
      }
      // Exchange the token for the cookie and drop it from the address bar.
      res.writeHead(303, { ...headers, "Set-Cookie": guard.sessionCookie(), Location: url.pathname }).end();
      return;
    }
    if (!guard.hasSession(req)) {
      res.writeHead(401, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(
        "Not signed in: open the URL printed by `codeconductor serve` (it carries a one-launch token).",
      );
      return;
    }
    serveStatic(options.staticDir, url.pathname, res, headers);
  });

  server.on("upgrade", (req, socket, head) => {
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (!guard.hostAllowed(req)) return reject(403, "Forbidden");
    if (path !== "/rpc") return reject(404, "Not Found");
    if (!guard.originAllowed(req)) return reject(403, "Forbidden");
    if (!guard.hasSession(req)) return reject(401, "Unauthorized");
    Promise.resolve(options.rpc).then(
      (rpc) => wss.handleUpgrade(req, socket, head, (ws) => rpc.accept(wsConnection(ws))),
      () => reject(503, "Service Unavailable"),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.setPort(port);
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${guard.token}`,
    origin,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
